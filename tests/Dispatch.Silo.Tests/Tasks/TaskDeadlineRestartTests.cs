using Dispatch.Contracts.Tasks;
using Dispatch.Silo.Tests.Support;

namespace Dispatch.Silo.Tests.Tasks;

/// <summary>The deadline is a durable reminder: it escalates the task also when the node was down when it passed.</summary>
public sealed class TaskDeadlineRestartTests
{
    [Fact]
    public async Task A_deadline_that_passes_while_the_node_is_down_escalates_the_task_one_level_after_the_restart()
    {
        using var folder = new TempFolder();
        string taskId;
        TaskTree tree;
        await using (var first = await TaskCluster.StartAsync(folder.Path))
        {
            tree = await TaskTree.Create(first.Client, "tr", 120);
            var task = await TaskDriver.At(first.Client, tree, TaskStage.Handling, TaskCluster.FastCategory);
            taskId = task.GetPrimaryKeyString();
            var view = (await task.Get())!;
            Assert.Equal(tree.Grid1, view.AssignedUnitCode);
            Assert.True(view.Deadline > DateTimeOffset.UtcNow, "the deadline passed before the node was stopped; the test proves nothing");
            await first.StopAllSilosAsync();
        }

        // Down for longer than the whole grid deadline: the reminder comes due while nothing runs.
        await Task.Delay(TaskCluster.FastGridDeadline + TimeSpan.FromSeconds(1));
        await using var second = await TaskCluster.StartAsync(folder.Path);
        var again = second.Client.GetGrain<ITaskGrain>(taskId);

        var escalated = await Poll.Until(() => again.Get(), t => t!.AssignedUnitCode != tree.Grid1, TimeSpan.FromSeconds(60));

        Assert.Equal(tree.Community, escalated!.AssignedUnitCode);
        Assert.Equal(TaskStage.Assignment, escalated.Stage);
        Assert.Single(escalated.History, h => h.What == "Escalate" && h.ActorName == "system");
    }
}
