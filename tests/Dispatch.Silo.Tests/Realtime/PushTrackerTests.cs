using Dispatch.Contracts.Realtime;
using Dispatch.Silo.Realtime;
using Dispatch.Silo.Tests.Calls;
using Microsoft.Data.Sqlite;
using Orleans.Runtime;

namespace Dispatch.Silo.Tests.Realtime;

/// <summary>The tracker of a send keeps its receipts in rows of 512 (docs/realtime.md, "Pooled pipe blocks and receipts in segments").</summary>
public sealed class PushTrackerTests(CallClusterFixture fixture) : IClassFixture<CallClusterFixture>
{
    [Fact]
    public async Task Receipts_beyond_one_segment_go_to_rows_of_their_own_and_all_come_back_after_a_deactivation()
    {
        var workers = Enumerable.Range(0, 1_100).Select(i => $"w-seg-{i}").ToArray();
        var send = new PushBroadcast(PushIds.NewBroadcast(), PushKind.Notice, "停水通知", "明日停水", DateTimeOffset.UtcNow, "tester", workers);
        var tracker = fixture.Grains.GetGrain<IPushTrackerGrain>(send.BroadcastId);
        await tracker.Open(send);

        // Every recipient's phone delivered, the first ten also read, and one repeat: 1,110 receipts.
        await Task.WhenAll(workers.Select((w, i) => tracker.OnReceipt(Receipt(send, i, ReceiptKind.Delivered))));
        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => tracker.OnReceipt(Receipt(send, i, ReceiptKind.Read))));
        await tracker.OnReceipt(Receipt(send, 0, ReceiptKind.Delivered));
        Assert.Equal(3, await SegmentRows(send.BroadcastId)); // 512 + 512 + 86

        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        Assert.Equal([ReceiptKind.Delivered, ReceiptKind.Read], await KindsOf(tracker, send, 0));
        Assert.Equal([ReceiptKind.Delivered], await KindsOf(tracker, send, 600));
        Assert.Equal([ReceiptKind.Delivered], await KindsOf(tracker, send, 1_099));

        // After the reactivation the open segment goes on filling, and the next one begins when it is full.
        await Task.WhenAll(Enumerable.Range(600, 500).Select(i => tracker.OnReceipt(Receipt(send, i, ReceiptKind.Read))));
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        Assert.Equal(4, await SegmentRows(send.BroadcastId)); // 1,610 receipts
        Assert.Equal([ReceiptKind.Delivered, ReceiptKind.Read], await KindsOf(tracker, send, 1_099));
        Assert.Equal([ReceiptKind.Delivered], await KindsOf(tracker, send, 599));
        Assert.Equal("w-seg-1099", (await tracker.Get(PushIds.Of(send.BroadcastId, 1_099)))!.Push.WorkerId);
    }

    private static PushReceipt Receipt(PushBroadcast send, int recipient, ReceiptKind kind) =>
        new(PushIds.Of(send.BroadcastId, recipient), send.WorkerIds[recipient], "phone", kind, DateTimeOffset.UtcNow);

    private static async Task<ReceiptKind[]> KindsOf(IPushTrackerGrain tracker, PushBroadcast send, int recipient) =>
        (await tracker.Get(PushIds.Of(send.BroadcastId, recipient)))!.Receipts.Select(r => r.Kind).Order().ToArray();

    private async Task<long> SegmentRows(string broadcastId)
    {
        await using var db = new SqliteConnection($"Data Source={Path.Combine(fixture.DataFolder, "dispatch.db")};Mode=ReadOnly;Pooling=False");
        await db.OpenAsync();
        await using var query = db.CreateCommand();
        query.CommandText = "SELECT COUNT(*) FROM dispatch_grain_state WHERE grain_id LIKE $grain AND state_name LIKE 'push-receipts-%'";
        query.Parameters.AddWithValue("$grain", $"%{broadcastId}%");
        return (long)(await query.ExecuteScalarAsync())!;
    }
}
