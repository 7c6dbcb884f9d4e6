using Dispatch.Contracts.Realtime;
using Dispatch.Contracts.Tasks;
using Dispatch.Silo.Tests.Support;

namespace Dispatch.Silo.Tests.Tasks;

/// <summary>An assignment nobody accepts is pushed again after one accept window and escalated after the second.</summary>
public sealed class TaskAcceptWindowTests
{
    [Fact]
    public async Task An_unaccepted_assignment_is_pushed_again_then_escalated_one_level()
    {
        using var folder = new TempFolder();
        await using var cluster = await TaskCluster.StartAsync(folder.Path, acceptWindow: TimeSpan.FromSeconds(3));
        var tree = await TaskTree.Create(cluster.Client, "aw", 130);
        var task = await TaskDriver.At(cluster.Client, tree, TaskStage.Assignment, "other");
        var inbox = cluster.Client.GetGrain<IInboxGrain>(tree.Worker1);

        var repushed = await Poll.Until(() => inbox.Pending("phone"), p => p.Any(x => x.Title.StartsWith("【催办】")), TimeSpan.FromSeconds(60));
        var escalated = await Poll.Until(() => task.Get(), t => t!.AssignedUnitCode == tree.Community, TimeSpan.FromSeconds(60));

        Assert.Equal(2, repushed.Count(p => p.Kind == PushKind.Task));
        Assert.Equal(TaskStage.Assignment, escalated!.Stage);
        var what = escalated.History.Select(h => h.What).ToArray();
        Assert.Equal(["Push", "Repush", "Escalate"], what.Where(w => w is "Push" or "Repush" or "Escalate").Take(3));
        Assert.Contains(escalated.History, h => h.What == "Escalate" && h.ActorName == "system" && h.Note!.StartsWith("接单超时"));
    }
}
