using Dispatch.Contracts.Calls;
using Dispatch.Contracts.Realtime;
using Dispatch.Silo.Tests.Support;

namespace Dispatch.Silo.Tests.Calls;

public sealed class CallRestartTests
{
    [Fact]
    public async Task A_restart_keeps_call_records_and_a_call_that_was_ringing_when_the_server_stopped_ends_as_failed()
    {
        using var folder = new TempFolder();
        string answered, ringing, worker;
        await using (var first = await CallCluster.StartAsync(folder.Path))
        {
            var recorder = new SignalRecorder();
            var tree = await CallTree.Create(first.Client, first.Client.CreateObjectReference<IGatewayObserver>(recorder));
            worker = tree.Worker;
            var caller = await tree.Connect(tree.Dispatcher, "console");
            await tree.Connect(tree.Worker, "web-a");
            answered = CallTree.NewCallId();
            await tree.Call(answered).Start(tree.Start(caller, tree.Dispatcher, tree.Worker));
            await tree.Call(answered).Answer(tree.Worker, "web-a");
            await tree.Call(answered).HangUp(tree.Worker, "web-a");
            ringing = CallTree.NewCallId();
            await tree.Call(ringing).Start(tree.Start(caller, tree.Dispatcher, tree.Worker));
            await first.StopAllSilosAsync();
        }

        await using var second = await CallCluster.StartAsync(folder.Path);
        var kept = await second.Client.GetGrain<ICallGrain>(answered).Get();
        var lost = await second.Client.GetGrain<ICallGrain>(ringing).Get();
        var listed = await second.Client.GetGrain<ICallRegistryGrain>(0).Query(new CallQuery(null, null, null, worker, null, null, null, 0, 10));

        Assert.Equal(CallOutcome.Answered, kept!.Outcome);
        Assert.Equal("web-a", kept.AnsweredDevice);
        Assert.Equal(CallOutcome.Failed, lost!.Outcome);
        Assert.Contains("restarted", lost.EndReason);
        Assert.Equal(CallEndCause.ServerRestarted, lost.EndCause);
        Assert.Equal([ringing, answered], listed.Calls.Select(c => c.Id));
        Assert.Equal(CallOutcome.Failed, listed.Calls[0].Outcome);
    }
}
