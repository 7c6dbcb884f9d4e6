using Dispatch.Contracts.Realtime;
using Dispatch.Silo.Tests.Org;

namespace Dispatch.Silo.Tests.Realtime;

/// <summary>The inbox rules in an in-process cluster on SQLite: order, pending, idempotency, receipts to the sender.</summary>
public sealed class InboxGrainTests(OrgClusterFixture fixture) : IClassFixture<OrgClusterFixture>
{
    private IInboxGrain Inbox(string workerId) => fixture.Grains.GetGrain<IInboxGrain>(workerId);

    private PushMessage NewPush(string workerId, PushKind kind = PushKind.Notice)
    {
        var id = PushMessage.NewId();
        return new PushMessage(id, workerId, kind, "标题", "正文", DateTimeOffset.UtcNow, "tester", fixture.Grains.GetGrain<IPushTrackerGrain>(id));
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
        var push = NewPush("w-ack", PushKind.Task);
        await fixture.Grains.GetGrain<IPushTrackerGrain>(push.Id).Open(push);
        await Inbox("w-ack").Push(push);

        Assert.Equal(AckOutcome.Recorded, await Inbox("w-ack").Ack(push.Id, "phone", ReceiptKind.Accepted));
        Assert.Equal(AckOutcome.AlreadyRecorded, await Inbox("w-ack").Ack(push.Id, "phone", ReceiptKind.Accepted));

        var track = await fixture.Grains.GetGrain<IPushTrackerGrain>(push.Id).Get();
        Assert.Equal([("phone", ReceiptKind.Accepted)], track!.Receipts.Select(r => (r.DeviceId, r.Kind)));
        Assert.Single((await Inbox("w-ack").Receipts(push.Id))!);
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
}
