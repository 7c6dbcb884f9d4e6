using Dispatch.Contracts.Realtime;
using Dispatch.Contracts.Tasks;

namespace Dispatch.Silo.Tests.Tasks;

/// <summary>Creation, placement, bad arguments, assignment pushes and deadlines of a task grain.</summary>
public sealed class TaskGrainTests(TaskClusterFixture fixture) : IClassFixture<TaskClusterFixture>
{
    private TaskTree Tree => fixture.Tree;

    private ITaskGrain NewTask() => fixture.Grains.GetGrain<ITaskGrain>("task-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_reported_place_is_put_into_its_grid_by_the_boundaries()
    {
        var west = TaskDriver.Expect(await NewTask().Create(Tree.Report(place: Tree.InGrid1)));
        var east = TaskDriver.Expect(await NewTask().Create(Tree.Report(place: Tree.InGrid2)));

        Assert.Equal([Tree.City, Tree.Town, Tree.Community, Tree.Grid1], west.PlacePath);
        Assert.Equal(Tree.Grid2, east.GridCode);
        Assert.Equal(TaskStage.Collection, east.Stage);
    }

    [Fact]
    public async Task An_unknown_category_or_a_place_in_no_grid_is_refused_and_nothing_is_written()
    {
        var task = NewTask();
        var unknown = await task.Create(Tree.Report(category: "no_such_category"));
        var nowhere = await task.Create(Tree.Report(place: Tree.Outside));

        Assert.Equal(TaskRefusal.InvalidArgument, unknown.Refusal);
        Assert.Contains("Unknown category 'no_such_category'", unknown.Reason);
        Assert.Equal(TaskRefusal.InvalidArgument, nowhere.Refusal);
        Assert.Contains("lies in no grid", nowhere.Reason);
        Assert.Null(await task.Get());
        Assert.Equal(TaskRefusal.UnknownTask, (await task.Act(new TaskCommand(TaskAction.Verify, Tree.DispatcherActor))).Refusal);
    }

    [Fact]
    public async Task A_rating_outside_one_to_five_and_an_assignment_to_another_grid_are_refused()
    {
        var feedback = await TaskDriver.At(fixture.Grains, Tree, TaskStage.Feedback);
        var rating = await feedback.Act(new TaskCommand(TaskAction.Rate, Tree.DispatcherActor, Satisfaction: 6));
        var discovered = await TaskDriver.At(fixture.Grains, Tree, TaskStage.Discovery);
        var elsewhere = await discovered.Act(new TaskCommand(TaskAction.Assign, Tree.DispatcherActor, UnitCode: Tree.Grid2));
        var stranger = await discovered.Act(new TaskCommand(TaskAction.Assign, Tree.DispatcherActor, UnitCode: Tree.Grid1, WorkerId: Tree.Worker2));

        Assert.Equal(TaskRefusal.InvalidArgument, rating.Refusal);
        Assert.Equal(TaskStage.Feedback, (await feedback.Get())!.Stage);
        Assert.Contains(Tree.Grid2, elsewhere.Reason);
        Assert.Contains(Tree.Worker2, stranger.Reason);
        Assert.Equal(TaskStage.Discovery, (await discovered.Get())!.Stage);
    }

    [Fact]
    public async Task Escalation_climbs_grid_community_town_city_and_stops_at_the_top()
    {
        var task = await TaskDriver.At(fixture.Grains, Tree, TaskStage.Assignment);
        var levels = new List<string?>();
        for (var i = 0; i < 3; i++)
        {
            levels.Add(TaskDriver.Expect(await task.Act(new TaskCommand(TaskAction.Escalate, Tree.DispatcherActor))).AssignedUnitCode);
        }
        var top = await task.Act(new TaskCommand(TaskAction.Escalate, Tree.DispatcherActor));

        Assert.Equal([Tree.Community, Tree.Town, Tree.City], levels);
        Assert.Equal(TaskRefusal.NoLevelAbove, top.Refusal);
    }

    [Fact]
    public async Task An_assignment_is_pushed_to_the_grid_worker_and_accepting_the_push_accepts_the_task()
    {
        var task = await TaskDriver.At(fixture.Grains, Tree, TaskStage.Discovery);
        var assigned = TaskDriver.Expect(await task.Act(new TaskCommand(TaskAction.Assign, Tree.DispatcherActor, UnitCode: Tree.Grid1)));
        var inbox = fixture.Grains.GetGrain<IInboxGrain>(Tree.Worker1);

        // The pushes leave after the task's turn: wait for them.
        var pending = await Poll.Until(() => inbox.Pending("phone"), p => p.Any(x => assigned.OpenPushIds.Contains(x.Id)), TimeSpan.FromSeconds(30));
        var push = Assert.Single(pending, p => assigned.OpenPushIds.Contains(p.Id));
        Assert.Equal(PushKind.Task, push.Kind);
        Assert.StartsWith("【任务】", push.Title);
        await inbox.Ack(push.Id, "phone", ReceiptKind.Delivered);
        await inbox.Ack(push.Id, "phone", ReceiptKind.Read);
        Assert.Equal(AckOutcome.Recorded, await inbox.Ack(push.Id, "phone", ReceiptKind.Accepted));

        var accepted = (await task.Get())!;
        Assert.Equal(TaskStage.Handling, accepted.Stage);
        Assert.Equal(Tree.Worker1, accepted.AssignedWorkerId);
        Assert.Equal(["Delivered", "Read", "Accepted", "Accept"], accepted.History.Select(h => h.What).TakeLast(4));
    }

    [Fact]
    public async Task A_missed_grid_deadline_escalates_the_task_to_the_community_with_the_community_deadline()
    {
        var task = await TaskDriver.At(fixture.Grains, Tree, TaskStage.Handling, TaskCluster.FastCategory);

        var escalated = await Poll.Until(async () => await task.Get(), t => t!.AssignedUnitCode == Tree.Community, TimeSpan.FromSeconds(60));

        Assert.Equal(TaskStage.Assignment, escalated!.Stage);
        Assert.Contains(escalated.History, h => h.What == "Escalate" && h.ActorName == "system" && h.Note!.Contains("办理超期"));
        // The community's deadline for this category is an hour, counted from the escalation.
        Assert.InRange(escalated.Deadline!.Value - escalated.History[^1].At, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(61));
    }
}
