using Dispatch.Contracts.Realtime;
using Dispatch.Silo.Tests.Org;

namespace Dispatch.Silo.Tests.Realtime;

/// <summary>The inbox rules in an in-process cluster on SQLite: order, pending, idempotency, receipts to the sender.</summary>
public sealed class InboxGrainTests(OrgClusterFixture fixture) : IClassFixture<OrgClusterFixture>
{
    private IInboxGrain Inbox(string workerId) => fixture.Grains.GetGrain<IInboxGrain>(workerId);

    private PushMessage NewPush(string workerId, PushKind kind = PushKind.Notice) => NewSend(kind, workerId).Push;

    private (PushBroadcast Send, PushMessage Push) NewSend(PushKind kind, params string[] workerIds)
    {
        var send = new PushBroadcast(PushIds.NewBroadcast(), kind, "标题", "正文", DateTimeOffset.UtcNow, "tester", workerIds);
        return (send, send.PushFor(0, fixture.Grains.GetGrain<IPushTrackerGrain>(send.BroadcastId)));
    }

    [Fact]
    public async Task Pending_lists_pushes_oldest_first_until_the_device_has_them_and_someone_read_them()
    {
        var first = NewPush("w-pending");
        var second = NewPush("w-pending");
        await Inbox("w-pending").Push(first);
        await Inbox("w-pending").Push(second);

        Assert.Equal([first.Id, second.Id], (await Inbox("w-pending").Pending("phone")).Select(p => p.Id));
        await Inbox("w-pending").Ack(first.Id, "phone", ReceiptKind.Delivered);
        // Delivered to the phone but unread: still offered, so a reinstalled app shows it.
        Assert.Equal([first.Id, second.Id], (await Inbox("w-pending").Pending("phone")).Select(p => p.Id));
        await Inbox("w-pending").Ack(first.Id, "web", ReceiptKind.Read);

        Assert.Equal([second.Id], (await Inbox("w-pending").Pending("phone")).Select(p => p.Id));
        Assert.Equal([second.Id], (await Inbox("w-pending").Pending("web")).Select(p => p.Id));
        Assert.Equal([first.Id, second.Id], (await Inbox("w-pending").Pending("tablet")).Select(p => p.Id));
    }

    [Fact]
    public async Task An_acknowledgement_is_recorded_and_reported_to_the_sender_once()
    {
        var (send, push) = NewSend(PushKind.Task, "w-ack");
        await fixture.Grains.GetGrain<IPushTrackerGrain>(send.BroadcastId).Open(send);
        await Inbox("w-ack").Push(push);

        Assert.Equal(AckOutcome.Recorded, await Inbox("w-ack").Ack(push.Id, "phone", ReceiptKind.Accepted));
        Assert.Equal(AckOutcome.AlreadyRecorded, await Inbox("w-ack").Ack(push.Id, "phone", ReceiptKind.Accepted));

        // Reported after the Ack returned, and shown once saved.
        var track = await SavedReceipts(fixture.Grains.GetGrain<IPushTrackerGrain>(send.BroadcastId), push.Id, 1);
        Assert.Equal([("phone", ReceiptKind.Accepted)], track.Receipts.Select(r => (r.DeviceId, r.Kind)));
        Assert.Single((await Inbox("w-ack").Receipts(push.Id))!);
    }

    /// <summary>Waits (generously: other work may load the machine) until the tracker shows this many receipts.</summary>
    private static async Task<PushTrack> SavedReceipts(IPushTrackerGrain tracker, string pushId, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var track = await tracker.Get(pushId);
            if (track is not null && track.Receipts.Count >= count)
            {
                return track;
            }
            Assert.True(DateTime.UtcNow < deadline, $"push {pushId}: {track?.Receipts.Count ?? 0} of {count} receipts after 30 s");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task A_push_id_already_in_the_inbox_is_ignored()
    {
        var push = NewPush("w-dup");
        await Inbox("w-dup").Push(push);
        await Inbox("w-dup").Push(push with { Title = "again" });

        var pending = await Inbox("w-dup").Pending("phone");
        Assert.Equal("标题", Assert.Single(pending).Title);
    }

    [Fact]
    public async Task Accepting_a_notice_and_acknowledging_an_unknown_push_are_refused_without_a_trace()
    {
        var push = NewPush("w-refuse");
        await Inbox("w-refuse").Push(push);

        Assert.Equal(AckOutcome.NotATask, await Inbox("w-refuse").Ack(push.Id, "phone", ReceiptKind.Accepted));
        Assert.Equal(AckOutcome.UnknownPush, await Inbox("w-refuse").Ack("no-such-push", "phone", ReceiptKind.Read));
        Assert.Empty((await Inbox("w-refuse").Receipts(push.Id))!);
        Assert.Null(await Inbox("w-refuse").Receipts("no-such-push"));
    }

    [Fact]
    public async Task A_push_for_another_worker_is_refused()
    {
        var push = NewPush("w-someone-else");

        await Assert.ThrowsAsync<ArgumentException>(() => Inbox("w-owner").Push(push));
    }

    [Fact]
    public async Task One_tracker_keeps_the_receipts_of_every_push_of_a_send_each_once()
    {
        string[] workers = ["w-send-0", "w-send-1", "w-send-2"];
        var send = new PushBroadcast(PushIds.NewBroadcast(), PushKind.Notice, "标题", "正文", DateTimeOffset.UtcNow, "tester", workers);
        var tracker = fixture.Grains.GetGrain<IPushTrackerGrain>(send.BroadcastId);
        var pushes = workers.Select((_, i) => send.PushFor(i, tracker)).ToArray();
        await Task.WhenAll(pushes.Select(p => Inbox(p.WorkerId).Push(p)).Append(tracker.Open(send)));

        // Acknowledged together, as a broadcast's devices do: the tracker saves them in groups.
        await Task.WhenAll(pushes.SelectMany(p => new[]
        {
            Inbox(p.WorkerId).Ack(p.Id, "phone", ReceiptKind.Delivered),
            Inbox(p.WorkerId).Ack(p.Id, "web", ReceiptKind.Read),
        }));
        await tracker.OnReceipt(new PushReceipt(pushes[1].Id, workers[1], "phone", ReceiptKind.Delivered, DateTimeOffset.UtcNow));

        foreach (var push in pushes)
        {
            var track = await SavedReceipts(tracker, push.Id, 2);
            Assert.Equal(push.WorkerId, track.Push.WorkerId);
            Assert.Equal([("phone", ReceiptKind.Delivered), ("web", ReceiptKind.Read)],
                track.Receipts.Select(r => (r.DeviceId, r.Kind)).Order());
        }
        Assert.Null(await tracker.Get(PushIds.Of(send.BroadcastId, workers.Length)));
        Assert.Null(await tracker.Get(PushMessage.NewId()));
    }
}
