using Dispatch.Contracts.Tasks;
using Dispatch.Silo.Tasks;

namespace Dispatch.Silo.Tests.Tasks;

/// <summary>
/// Every row of the transition table done by each capacity it allows, every capacity it does not allow
/// refused, and every (stage, action) pair outside the table refused, each on a fresh task driven to the
/// stage through the grain. A refusal must leave stage and history as they were.
/// </summary>
public sealed class TaskTransitionTests(TaskClusterFixture fixture) : IClassFixture<TaskClusterFixture>
{
    private static readonly TaskActorRoles[] Capacities = [TaskActorRoles.Dispatcher, TaskActorRoles.Leader, TaskActorRoles.Assignee, TaskActorRoles.System];

    private TaskTree Tree => fixture.Tree;

    public static TheoryData<TaskStage, TaskAction, TaskActorRoles> Allowed()
    {
        var data = new TheoryData<TaskStage, TaskAction, TaskActorRoles>();
        foreach (var row in TaskTransitions.Table)
        {
            foreach (var capacity in Capacities.Where(c => row.By.HasFlag(c)))
            {
                data.Add(row.From, row.Action, capacity);
            }
        }
        return data;
    }

    public static TheoryData<TaskStage, TaskAction, TaskActorRoles> WrongCapacity()
    {
        var data = new TheoryData<TaskStage, TaskAction, TaskActorRoles>();
        foreach (var row in TaskTransitions.Table)
        {
            foreach (var capacity in Capacities.Append(TaskActorRoles.None).Where(c => c == TaskActorRoles.None || !row.By.HasFlag(c)))
            {
                data.Add(row.From, row.Action, capacity);
            }
        }
        return data;
    }

    public static TheoryData<TaskStage, TaskAction> WrongStage()
    {
        var data = new TheoryData<TaskStage, TaskAction>();
        foreach (var stage in Enum.GetValues<TaskStage>())
        {
            foreach (var action in Enum.GetValues<TaskAction>().Where(a => TaskTransitions.Find(stage, a) is null))
            {
                data.Add(stage, action);
            }
        }
        return data;
    }

    [Fact]
    public void The_table_names_what_DOMAIN_md_asks_for()
    {
        // The hand-written expectation: the loop's stages in order and who drives each step.
        Assert.Equal(13, TaskTransitions.Table.Count);
        Assert.Equal(TaskStage.Discovery, TaskTransitions.Find(TaskStage.Collection, TaskAction.Verify)!.To);
        Assert.Equal(TaskActorRoles.Assignee, TaskTransitions.Find(TaskStage.Assignment, TaskAction.Accept)!.By);
        Assert.Equal(TaskStage.Handling, TaskTransitions.Find(TaskStage.Supervision, TaskAction.Return)!.To);
        Assert.DoesNotContain(TaskTransitions.Table, t => t.From == TaskStage.Closed);
    }

    [Theory]
    [MemberData(nameof(Allowed))]
    public async Task An_allowed_transition_moves_the_task_and_writes_one_history_line(TaskStage from, TaskAction action, TaskActorRoles capacity)
    {
        var task = await TaskDriver.At(fixture.Grains, Tree, from);
        var before = (await task.Get())!;

        var result = await task.Act(Command(action, capacity));

        Assert.True(result.Done, $"{action} in {from} as {capacity} was refused: {result.Reason}");
        var after = (await task.Get())!;
        Assert.Equal(TaskTransitions.Find(from, action)!.To, after.Stage);
        Assert.Equal(before.History, after.History.Take(before.History.Count));
        Assert.Contains(after.History.Skip(before.History.Count), h => h.What == action.ToString() && h.From == from);
        if (action is TaskAction.Reject or TaskAction.Escalate)
        {
            // One level up: the grid's community takes it over.
            Assert.Equal(Tree.Community, after.AssignedUnitCode);
        }
    }

    [Theory]
    [MemberData(nameof(WrongCapacity))]
    public async Task A_transition_by_a_capacity_the_table_does_not_give_is_refused_and_changes_nothing(TaskStage from, TaskAction action, TaskActorRoles capacity)
    {
        var task = await TaskDriver.At(fixture.Grains, Tree, from);
        var before = (await task.Get())!;

        var result = await task.Act(Command(action, capacity));

        Assert.Equal(TaskRefusal.NotPermitted, result.Refusal);
        Assert.Contains(action.ToString(), result.Reason);
        var after = (await task.Get())!;
        Assert.Equal(from, after.Stage);
        Assert.Equal(before.History, after.History);
    }

    [Theory]
    [MemberData(nameof(WrongStage))]
    public async Task An_action_out_of_order_is_refused_with_the_stage_and_changes_nothing(TaskStage from, TaskAction action)
    {
        var task = await TaskDriver.At(fixture.Grains, Tree, from);
        var before = (await task.Get())!;
        var everyone = new TaskActor("everyone", Tree.Worker1, TaskActorRoles.Dispatcher | TaskActorRoles.Leader | TaskActorRoles.Assignee | TaskActorRoles.System);

        var result = await task.Act(new TaskCommand(action, everyone, UnitCode: Tree.Grid1, Satisfaction: 5));

        Assert.Equal(TaskRefusal.WrongStage, result.Refusal);
        Assert.Contains($"stage '{from}'", result.Reason);
        var after = (await task.Get())!;
        Assert.Equal(from, after.Stage);
        Assert.Equal(before.History, after.History);
    }

    private TaskCommand Command(TaskAction action, TaskActorRoles capacity)
    {
        var actor = capacity switch
        {
            TaskActorRoles.Dispatcher => Tree.DispatcherActor,
            TaskActorRoles.Leader => Tree.LeaderActor,
            // The grid worker of G1 is the assignee of a task handed to G1 (and of nothing before that).
            TaskActorRoles.Assignee => Tree.Worker1Actor,
            TaskActorRoles.System => TaskActor.System,
            // Someone with no capacity: the worker of the other grid.
            _ => Tree.Worker2Actor,
        };
        return new TaskCommand(action, actor, "测试", UnitCode: action is TaskAction.Assign or TaskAction.Reassign ? Tree.Grid1 : null,
            Satisfaction: action == TaskAction.Rate ? 4 : null);
    }
}
