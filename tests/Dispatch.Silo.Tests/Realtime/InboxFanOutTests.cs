using Dispatch.Contracts.Realtime;
using Dispatch.Silo.Tests.Calls;
using Orleans.Runtime;

namespace Dispatch.Silo.Tests.Realtime;

/// <summary>
/// The inbox's side of a fanned-out send (docs/realtime.md, "A push"): the gateways deliver, the inbox only stores,
/// so an acknowledgement can overtake the store, and a device that synced meanwhile must not fall between the two.
/// </summary>
public sealed class InboxFanOutTests(CallClusterFixture fixture) : IClassFixture<CallClusterFixture>
{
    private IInboxGrain Inbox(string workerId) => fixture.Grains.GetGrain<IInboxGrain>(workerId);

    private async Task<(PushBroadcast Send, IPushTrackerGrain Tracker)> OpenSend(params string[] workerIds)
    {
        var send = new PushBroadcast(PushIds.NewBroadcast(), PushKind.Notice, "停水通知", "明日停水", DateTimeOffset.UtcNow, "tester", workerIds);
        var tracker = fixture.Grains.GetGrain<IPushTrackerGrain>(send.BroadcastId);
        await tracker.Open(send);
        return (send, tracker);
    }

    [Fact]
    public async Task An_acknowledgement_that_overtakes_the_store_takes_the_push_from_its_tracker()
    {
        var (send, tracker) = await OpenSend("w-fan-early", "w-fan-other");
        var push = send.PushFor(0, tracker);

        Assert.Equal(AckOutcome.Recorded, await Inbox("w-fan-early").Ack(push.Id, "phone", ReceiptKind.Delivered));
        await Inbox("w-fan-early").Store(push);

        var pending = await Inbox("w-fan-early").Pending("tablet");
        Assert.Equal(push.Id, Assert.Single(pending).Id);
        Assert.Equal("停水通知", pending[0].Title);
        Assert.Equal([("phone", ReceiptKind.Delivered)], (await Inbox("w-fan-early").Receipts(push.Id))!.Select(r => (r.DeviceId, r.Kind)));
        // The receipt reached the tracker as for any push.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await tracker.Get(push.Id))!.Receipts.Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the tracker never showed the receipt");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task A_refused_acknowledgement_that_overtakes_the_store_still_leaves_the_push_saved()
    {
        var (send, tracker) = await OpenSend("w-fan-refused");
        var push = send.PushFor(0, tracker);

        // "accepted" is only for tasks: refused, but the inbox has taken the push from the tracker meanwhile.
        Assert.Equal(AckOutcome.NotATask, await Inbox("w-fan-refused").Ack(push.Id, "phone", ReceiptKind.Accepted));
        await Inbox("w-fan-refused").Store(push);
        // Every idle activation goes: the inbox comes back from storage.
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        Assert.Equal(push.Id, Assert.Single(await Inbox("w-fan-refused").Pending("phone")).Id);
    }

    [Fact]
    public async Task Another_workers_fanned_out_push_cannot_be_acknowledged_through_the_tracker()
    {
        var (send, tracker) = await OpenSend("w-fan-owner", "w-fan-intruder");
        var ownersPush = send.PushFor(0, tracker);

        Assert.Equal(AckOutcome.UnknownPush, await Inbox("w-fan-intruder").Ack(ownersPush.Id, "phone", ReceiptKind.Read));
        Assert.Empty(await Inbox("w-fan-intruder").Pending("phone"));
        Assert.Null(await Inbox("w-fan-intruder").Receipts(ownersPush.Id));
    }

    [Fact]
    public async Task A_device_that_synced_while_the_push_was_on_its_way_gets_it_through_presence_and_others_do_not()
    {
        var recorder = fixture.Recorder;
        await fixture.Grains.GetGrain<IPresenceGrain>("w-fan-late").Connect(
            new DeviceSession("app", DeviceKind.App, "conn-late", "gw-test", fixture.Gateway));
        await fixture.Grains.GetGrain<IPresenceGrain>("w-fan-quiet").Connect(
            new DeviceSession("app", DeviceKind.App, "conn-quiet", "gw-test", fixture.Gateway));
        var (send, tracker) = await OpenSend("w-fan-late", "w-fan-quiet");

        // w-fan-late's device connected after the gateways' fan-out read their devices and synced before the store.
        Assert.Empty(await Inbox("w-fan-late").Pending("app"));
        await Inbox("w-fan-late").Store(send.PushFor(0, tracker));
        // w-fan-quiet's device did not sync: the fan-out reached it, so the store hands nothing on.
        await Inbox("w-fan-quiet").Store(send.PushFor(1, tracker));
        // A push through the ordinary path, after both: once it is seen, anything the stores handed on was too.
        var marker = new PushBroadcast(PushIds.NewBroadcast(), PushKind.Notice, "标记", "", DateTimeOffset.UtcNow, "tester", ["w-fan-quiet"]);
        var markerPush = marker.PushFor(0, fixture.Grains.GetGrain<IPushTrackerGrain>(marker.BroadcastId));
        await Inbox("w-fan-quiet").Push(markerPush);

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!recorder.Pushes.Contains((markerPush.Id, "conn-quiet")))
        {
            Assert.True(DateTime.UtcNow < deadline, "the ordinary push never reached the gateway");
            await Task.Delay(20);
        }
        Assert.Contains((send.PushFor(0, tracker).Id, "conn-late"), recorder.Pushes);
        Assert.DoesNotContain(recorder.Pushes, p => p.PushId == send.PushFor(1, tracker).Id);
    }
}
