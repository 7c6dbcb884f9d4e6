using Dispatch.Silo.Storage.Sql;
using Dispatch.Silo.Tests.Storage.TestGrains;
using Dispatch.Silo.Tests.Support;
using Orleans.Runtime;
using Orleans.Storage;

namespace Dispatch.Silo.Tests.Storage;

public sealed class SqliteGrainStorageTests : GrainStorageContract, IDisposable
{
    private readonly TempFolder _folder = new();

    private protected override SqlDatabase OpenDatabase() => new SqliteDatabase(_folder.Path);

    [Theory]
    [InlineData(SqliteSync.Normal)]
    [InlineData(SqliteSync.Full)]
    public async Task Concurrent_writes_share_commits_and_a_refused_one_leaves_the_others_stored(SqliteSync sync)
    {
        await using var database = new SqliteDatabase(_folder.Path, sync);
        var storage = StorageHarness.GrainStorage(database, $"svc-{Guid.NewGuid():N}");
        var stale = GrainId.Create("counter", "stale");
        var created = new TestGrainState<CounterState>(new CounterState { Count = 1 });
        await storage.WriteStateAsync("counter", stale, created);
        var commitsBefore = database.GroupCommits;

        var grains = Enumerable.Range(0, 400).Select(i => GrainId.Create("counter", $"g{i}")).ToArray();
        var writes = grains.Select(g => storage.WriteStateAsync("counter", g, new TestGrainState<CounterState>(new CounterState { Count = 9 })))
            .ToList();
        // A writer holding no etag for a row that exists: refused, inside the same groups as the others.
        var refused = storage.WriteStateAsync("counter", stale, new TestGrainState<CounterState>(new CounterState { Count = 99 }));
        await Task.WhenAll(writes);
        await Assert.ThrowsAsync<InconsistentStateException>(() => refused);

        Assert.True(database.GroupCommits - commitsBefore < grains.Length, $"{grains.Length} writes took {database.GroupCommits - commitsBefore} commits");
        foreach (var grain in grains)
        {
            var read = new TestGrainState<CounterState>(new CounterState());
            await storage.ReadStateAsync("counter", grain, read);
            Assert.Equal(9, read.State.Count);
        }
        var kept = new TestGrainState<CounterState>(new CounterState());
        await storage.ReadStateAsync("counter", stale, kept);
        Assert.Equal(1, kept.State.Count);
    }

    public void Dispose() => _folder.Dispose();
}
