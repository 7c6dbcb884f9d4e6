using Dispatch.Contracts.Realtime;
using Dispatch.Silo.Realtime;
using Dispatch.Silo.Tests.Calls;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;

namespace Dispatch.Silo.Tests.Realtime;

/// <summary>
/// An inbox keeps its newest pushes in its own row and older ones in rows of <see cref="InboxSegment.Capacity"/>
/// (docs/realtime.md, "Inbox segments"): nothing is lost across deactivations, the rows a write touches stay small.
/// </summary>
public sealed class InboxSegmentTests(CallClusterFixture fixture) : IClassFixture<CallClusterFixture>
{
    private IInboxGrain Inbox(string workerId) => fixture.Grains.GetGrain<IInboxGrain>(workerId);

    private static PushMessage[] NewPushes(string workerId, int count)
    {
        var start = DateTimeOffset.UtcNow;
        return Enumerable.Range(0, count)
            .Select(i => new PushMessage(PushMessage.NewId(), workerId, PushKind.Notice, $"通知 {i}", "正文", start.AddMilliseconds(i), "tester", null))
            .ToArray();
    }

    [Fact]
    public async Task Older_pushes_move_to_segment_rows_and_come_back_in_order_with_their_receipts()
    {
        const string Worker = "w-inbox-segments";
        var pushes = NewPushes(Worker, 100);
        foreach (var push in pushes)
        {
            await Inbox(Worker).Store(push);
        }
        // One push in a segment and one in the newest row, each read on the phone.
        Assert.Equal(AckOutcome.Recorded, await Inbox(Worker).Ack(pushes[3].Id, "phone", ReceiptKind.Read));
        Assert.Equal(AckOutcome.Recorded, await Inbox(Worker).Ack(pushes[99].Id, "phone", ReceiptKind.Read));

        var rows = await Rows(Worker);
        Assert.Equal(["inbox", "inbox-0", "inbox-1", "inbox-2"], rows.Keys.Order());  // 32 + 32 + 32 + 4 newest
        Assert.True(rows["inbox"] * 4 < rows["inbox-0"], $"newest row {rows["inbox"]} B, a segment {rows["inbox-0"]} B");

        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        Assert.Equal(pushes.Select(p => p.Id).Where(id => id != pushes[3].Id && id != pushes[99].Id),
            (await Inbox(Worker).Pending("phone")).Select(p => p.Id));
        Assert.Equal(pushes.Select(p => p.Id), (await Inbox(Worker).Pending("tablet")).Select(p => p.Id));
        Assert.Equal(ReceiptKind.Read, Assert.Single((await Inbox(Worker).Receipts(pushes[3].Id))!).Kind);
        Assert.Equal(AckOutcome.AlreadyRecorded, await Inbox(Worker).Ack(pushes[3].Id, "phone", ReceiptKind.Read));
        Assert.Equal(AckOutcome.Recorded, await Inbox(Worker).Ack(pushes[40].Id, "phone", ReceiptKind.Delivered));
    }

    [Fact]
    public async Task Pruning_the_oldest_read_pushes_rewrites_their_segments_and_clears_an_emptied_one()
    {
        const string Worker = "w-inbox-prune";
        var pushes = NewPushes(Worker, InboxGrain.Capacity + 40);
        foreach (var push in pushes.Take(40))
        {
            await Inbox(Worker).Store(push);
            await Inbox(Worker).Ack(push.Id, "phone", ReceiptKind.Read);
        }
        foreach (var push in pushes.Skip(40))
        {
            await Inbox(Worker).Store(push);
        }

        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        // The 40 read pushes went: segment 0 (pushes 0-31) entirely, segment 1 (32-63) in part.
        var rows = await Rows(Worker);
        Assert.DoesNotContain("inbox-0", rows.Keys);
        Assert.Contains("inbox-1", rows.Keys);
        Assert.Null(await Inbox(Worker).Receipts(pushes[39].Id));
        Assert.NotNull(await Inbox(Worker).Receipts(pushes[40].Id));
        Assert.Equal(pushes.Skip(40).Select(p => p.Id), (await Inbox(Worker).Pending("tablet")).Select(p => p.Id));
    }

    [Fact]
    public async Task A_row_of_an_older_build_with_every_push_in_it_is_read_and_split_at_the_next_save()
    {
        const string Worker = "w-inbox-legacy";
        var pushes = NewPushes(Worker, 70);
        var storage = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Provider);
        var legacy = new GrainState<InboxState>(new InboxState
        {
            Entries = pushes.Take(69).Select(p => new InboxEntry { Push = p }).ToList(),
        });
        await storage.WriteStateAsync("inbox", Inbox(Worker).GetGrainId(), legacy);

        Assert.Equal(69, (await Inbox(Worker).Pending("phone")).Count);
        await Inbox(Worker).Store(pushes[69]);
        Assert.Equal(["inbox", "inbox-0", "inbox-1"], (await Rows(Worker)).Keys.Order()); // 32 + 32 + 6 newest

        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        Assert.Equal(pushes.Select(p => p.Id), (await Inbox(Worker).Pending("phone")).Select(p => p.Id));
    }

    /// <summary>The inbox's rows that hold a state, by state name, with their payload's length in bytes.</summary>
    private async Task<Dictionary<string, long>> Rows(string workerId)
    {
        await using var db = new SqliteConnection($"Data Source={Path.Combine(fixture.DataFolder, "dispatch.db")};Mode=ReadOnly;Pooling=False");
        await db.OpenAsync();
        await using var query = db.CreateCommand();
        query.CommandText = """
            SELECT state_name, length(payload) FROM dispatch_grain_state
            WHERE grain_id LIKE $grain AND state_name LIKE 'inbox%' AND payload IS NOT NULL
            """;
        query.Parameters.AddWithValue("$grain", $"%/{workerId}");
        var rows = new Dictionary<string, long>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0), reader.GetInt64(1));
        }
        return rows;
    }
}
