using Dispatch.Silo.Storage.Sql;
using Dispatch.Silo.Tests.Storage.TestGrains;
using Orleans.Runtime;
using Orleans.Storage;

namespace Dispatch.Silo.Tests.Storage;

/// <summary>What grain storage promises, run against each dialect.</summary>
public abstract class GrainStorageContract
{
    private readonly string _serviceId = $"svc-{Guid.NewGuid():N}";

    /// <summary>A new database object over the same store each call, as a restarted silo would make.</summary>
    private protected abstract SqlDatabase OpenDatabase();

    private Orleans.Storage.IGrainStorage NewStorage() => StorageHarness.GrainStorage(OpenDatabase(), _serviceId);

    private static GrainId NewGrain() => GrainId.Create("counter", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Reading_state_never_written_gives_a_fresh_state_and_no_etag()
    {
        var state = new TestGrainState<CounterState>(null!);

        await NewStorage().ReadStateAsync("counter", NewGrain(), state);

        Assert.NotNull(state.State);
        Assert.Equal(0, state.State.Count);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
    }

    [Fact]
    public async Task Written_state_is_read_back_by_another_storage_instance()
    {
        var grain = NewGrain();
        var written = new TestGrainState<CounterState>(new CounterState { Count = 7, Notes = ["a", "b"] });
        await NewStorage().WriteStateAsync("counter", grain, written);

        var read = new TestGrainState<CounterState>(new CounterState());
        await NewStorage().ReadStateAsync("counter", grain, read);

        Assert.Equal(7, read.State.Count);
        Assert.Equal(["a", "b"], read.State.Notes);
        Assert.Equal(written.ETag, read.ETag);
        Assert.True(read.RecordExists);
    }

    [Fact]
    public async Task State_names_of_one_grain_are_stored_apart()
    {
        var grain = NewGrain();
        var storage = NewStorage();
        await storage.WriteStateAsync("first", grain, new TestGrainState<CounterState>(new CounterState { Count = 1 }));
        await storage.WriteStateAsync("second", grain, new TestGrainState<CounterState>(new CounterState { Count = 2 }));

        var first = new TestGrainState<CounterState>(new CounterState());
        await storage.ReadStateAsync("first", grain, first);

        Assert.Equal(1, first.State.Count);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused_and_the_stored_state_kept()
    {
        var grain = NewGrain();
        var storage = NewStorage();
        var mine = new TestGrainState<CounterState>(new CounterState { Count = 1 });
        await storage.WriteStateAsync("counter", grain, mine);
        var theirs = new TestGrainState<CounterState>(new CounterState());
        await storage.ReadStateAsync("counter", grain, theirs);
        theirs.State.Count = 2;
        await storage.WriteStateAsync("counter", grain, theirs);

        mine.State.Count = 99;
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteStateAsync("counter", grain, mine));

        Assert.Equal(theirs.ETag, conflict.StoredEtag);
        var stored = new TestGrainState<CounterState>(new CounterState());
        await storage.ReadStateAsync("counter", grain, stored);
        Assert.Equal(2, stored.State.Count);
    }

    [Fact]
    public async Task A_first_write_is_refused_when_another_writer_created_the_state_meanwhile()
    {
        var grain = NewGrain();
        var storage = NewStorage();
        await storage.WriteStateAsync("counter", grain, new TestGrainState<CounterState>(new CounterState { Count = 1 }));

        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            storage.WriteStateAsync("counter", grain, new TestGrainState<CounterState>(new CounterState { Count = 5 })));
    }

    [Fact]
    public async Task Clearing_resets_the_state_and_refuses_writers_holding_an_etag_from_before()
    {
        var grain = NewGrain();
        var storage = NewStorage();
        var before = new TestGrainState<CounterState>(new CounterState { Count = 3 });
        await storage.WriteStateAsync("counter", grain, before);
        var clearer = new TestGrainState<CounterState>(new CounterState());
        await storage.ReadStateAsync("counter", grain, clearer);

        await storage.ClearStateAsync("counter", grain, clearer);

        Assert.False(clearer.RecordExists);
        Assert.Equal(0, clearer.State.Count);
        var read = new TestGrainState<CounterState>(new CounterState { Count = 42 });
        await storage.ReadStateAsync("counter", grain, read);
        Assert.False(read.RecordExists);
        Assert.Equal(0, read.State.Count);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("counter", grain, before));

        read.State.Count = 1;
        await storage.WriteStateAsync("counter", grain, read);
        Assert.True(read.RecordExists);
    }

    [Fact]
    public async Task Many_concurrent_writers_through_two_storage_instances_all_succeed()
    {
        var first = NewStorage();
        var second = NewStorage();
        var grains = Enumerable.Range(0, 64).Select(_ => NewGrain()).ToList();

        await Task.WhenAll(grains.Select(async (grain, index) =>
        {
            var storage = index % 2 == 0 ? first : second;
            var state = new TestGrainState<CounterState>(new CounterState());
            for (var round = 1; round <= 5; round++)
            {
                state.State.Count = round;
                await storage.WriteStateAsync("counter", grain, state);
            }
        }));

        foreach (var grain in grains)
        {
            var read = new TestGrainState<CounterState>(new CounterState());
            await first.ReadStateAsync("counter", grain, read);
            Assert.Equal(5, read.State.Count);
        }
    }
}
