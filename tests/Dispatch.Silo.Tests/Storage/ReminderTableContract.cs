using Dispatch.Silo.Storage.Sql;
using Orleans.Runtime;

namespace Dispatch.Silo.Tests.Storage;

/// <summary>What the reminder table promises, run against each dialect.</summary>
public abstract class ReminderTableContract
{
    private readonly string _serviceId = $"svc-{Guid.NewGuid():N}";

    private protected abstract SqlDatabase OpenDatabase();

    private IReminderTable NewTable() => StorageHarness.ReminderTable(OpenDatabase(), _serviceId);

    private static GrainId NewGrain() => GrainId.Create("alarm", Guid.NewGuid().ToString("N"));

    private static ReminderEntry Entry(GrainId grain, string name = "tick") => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = new DateTime(2026, 11, 28, 8, 30, 15, 250, DateTimeKind.Utc),
        Period = TimeSpan.FromMinutes(5),
    };

    [Fact]
    public async Task An_upserted_reminder_is_read_back_with_its_start_period_and_etag()
    {
        var grain = NewGrain();
        var etag = await NewTable().UpsertRow(Entry(grain));

        var read = await NewTable().ReadRow(grain, "tick");

        Assert.NotNull(read);
        Assert.Equal(grain, read.GrainId);
        Assert.Equal(new DateTime(2026, 11, 28, 8, 30, 15, 250, DateTimeKind.Utc), read.StartAt);
        Assert.Equal(DateTimeKind.Utc, read.StartAt.Kind);
        Assert.Equal(TimeSpan.FromMinutes(5), read.Period);
        Assert.Equal(etag, read.ETag);
    }

    [Fact]
    public async Task Reading_a_reminder_that_does_not_exist_gives_null()
    {
        Assert.Null(await NewTable().ReadRow(NewGrain(), "tick"));
    }

    [Fact]
    public async Task Upserting_again_replaces_the_reminder_and_its_etag()
    {
        var table = NewTable();
        var grain = NewGrain();
        var first = await table.UpsertRow(Entry(grain));
        var changed = Entry(grain);
        changed.Period = TimeSpan.FromSeconds(90);

        var second = await table.UpsertRow(changed);

        Assert.NotEqual(first, second);
        var read = await table.ReadRow(grain, "tick");
        Assert.Equal(TimeSpan.FromSeconds(90), read!.Period);
        Assert.Single((await table.ReadRows(grain)).Reminders);
    }

    [Fact]
    public async Task Removing_needs_the_current_etag()
    {
        var table = NewTable();
        var grain = NewGrain();
        var stale = await table.UpsertRow(Entry(grain));
        var current = await table.UpsertRow(Entry(grain));

        Assert.False(await table.RemoveRow(grain, "tick", stale!));
        Assert.True(await table.RemoveRow(grain, "tick", current!));
        Assert.Null(await table.ReadRow(grain, "tick"));
        Assert.False(await table.RemoveRow(grain, "tick", current!));
    }

    [Fact]
    public async Task Rows_of_a_grain_are_all_its_reminders_and_no_others()
    {
        var table = NewTable();
        var grain = NewGrain();
        await table.UpsertRow(Entry(grain, "a"));
        await table.UpsertRow(Entry(grain, "b"));
        await table.UpsertRow(Entry(NewGrain(), "a"));

        var rows = await table.ReadRows(grain);

        Assert.Equal(["a", "b"], rows.Reminders.Select(r => r.ReminderName).Order());
    }

    [Fact]
    public async Task Rows_by_hash_range_exclude_begin_include_end_and_wrap_when_begin_is_not_below_end()
    {
        var table = NewTable();
        var grains = Enumerable.Range(0, 40).Select(_ => NewGrain()).ToList();
        foreach (var grain in grains)
        {
            await table.UpsertRow(Entry(grain));
        }

        var byHash = grains.OrderBy(g => g.GetUniformHashCode()).ToList();
        uint Hash(int index) => byHash[index].GetUniformHashCode();
        async Task<IEnumerable<GrainId>> Range(uint begin, uint end) =>
            (await table.ReadRows(begin, end)).Reminders.Select(r => r.GrainId).OrderBy(g => g.GetUniformHashCode());

        Assert.Equal(byHash[11..21], await Range(Hash(10), Hash(20)));
        Assert.Equal([.. byHash[..6], .. byHash[31..]], await Range(Hash(30), Hash(5)));
        Assert.Equal(byHash, await Range(Hash(7), Hash(7)));
        Assert.Equal(byHash, await Range(0, 0));
        Assert.Equal(byHash, await Range(0, uint.MaxValue));
    }

    [Fact]
    public async Task Clearing_the_table_removes_only_this_services_reminders()
    {
        var table = NewTable();
        var other = StorageHarness.ReminderTable(OpenDatabase(), $"other-{Guid.NewGuid():N}");
        var grain = NewGrain();
        await table.UpsertRow(Entry(grain));
        await other.UpsertRow(Entry(grain));

        await table.TestOnlyClearTable();

        Assert.Null(await table.ReadRow(grain, "tick"));
        Assert.NotNull(await other.ReadRow(grain, "tick"));
    }
}
