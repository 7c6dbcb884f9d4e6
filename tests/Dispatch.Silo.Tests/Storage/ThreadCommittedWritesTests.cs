using System.Collections.Concurrent;
using Dispatch.Silo.Storage.Sql;
using Dispatch.Silo.Tests.Storage.TestGrains;
using Dispatch.Silo.Tests.Support;
using Orleans.Runtime;
using Orleans.Storage;

namespace Dispatch.Silo.Tests.Storage;

/// <summary>
/// Grouped writes made on a thread attached to <see cref="ThreadCommittedWrites"/> (the SIP UDP receive thread) wait
/// for that thread's <see cref="ThreadCommittedWrites.CommitQueued"/>, are committed in one transaction, and resume
/// their callers on that thread; nothing is reported saved before it is.
/// </summary>
public sealed class ThreadCommittedWritesTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Writes_wait_for_their_thread_commit_together_and_resume_on_it()
    {
        await using var database = new SqliteDatabase(_folder.Path);
        var storage = StorageHarness.GrainStorage(database, $"svc-{Guid.NewGuid():N}");
        await storage.WriteStateAsync("counter", GrainId.Create("counter", "schema"), new TestGrainState<CounterState>(new CounterState()));
        var grains = Enumerable.Range(0, 20).Select(i => GrainId.Create("counter", $"t{i}")).ToArray();
        var commitsBefore = database.GroupCommits;
        var resumedOn = new ConcurrentBag<Thread>();

        var thread = RunOnOwnThread(() =>
        {
            var writes = ThreadCommittedWrites.AttachCurrentThread();
            var tasks = grains.Select(async grain =>
            {
                await storage.WriteStateAsync("counter", grain, new TestGrainState<CounterState>(new CounterState { Count = 7 }));
                resumedOn.Add(Thread.CurrentThread);
            }).ToList();

            Assert.Equal(grains.Length, writes.Queued);
            Assert.All(tasks, task => Assert.False(task.IsCompleted));
            var early = new TestGrainState<CounterState>(new CounterState());
            storage.ReadStateAsync("counter", grains[0], early).GetAwaiter().GetResult();
            Assert.False(early.RecordExists); // not stored, and nobody told it was

            writes.CommitQueued();

            Assert.All(tasks, task => Assert.True(task.IsCompletedSuccessfully));
            Assert.Equal(0, writes.Queued);
        });

        Assert.Equal(grains.Length, resumedOn.Count);
        Assert.All(resumedOn, resumed => Assert.Same(thread, resumed));
        Assert.Equal(commitsBefore + 1, database.GroupCommits);
        foreach (var grain in grains)
        {
            var read = new TestGrainState<CounterState>(new CounterState());
            await storage.ReadStateAsync("counter", grain, read);
            Assert.Equal(7, read.State.Count);
        }
    }

    [Fact]
    public async Task A_refused_write_fails_only_its_caller_and_a_write_made_while_resuming_is_committed_in_the_same_call()
    {
        await using var database = new SqliteDatabase(_folder.Path);
        var storage = StorageHarness.GrainStorage(database, $"svc-{Guid.NewGuid():N}");
        var stale = GrainId.Create("counter", "stale");
        await storage.WriteStateAsync("counter", stale, new TestGrainState<CounterState>(new CounterState { Count = 1 }));
        var chained = GrainId.Create("counter", "chained");
        var other = GrainId.Create("counter", "other");
        var commitsBefore = database.GroupCommits;

        RunOnOwnThread(() =>
        {
            var writes = ThreadCommittedWrites.AttachCurrentThread();
            // No etag for a row that exists: refused inside the shared transaction.
            var refused = storage.WriteStateAsync("counter", stale, new TestGrainState<CounterState>(new CounterState { Count = 99 }));
            var second = WriteTwice(storage, chained);
            var plain = storage.WriteStateAsync("counter", other, new TestGrainState<CounterState>(new CounterState { Count = 5 }));

            writes.CommitQueued();

            var refusal = Assert.Throws<InconsistentStateException>(() => refused.GetAwaiter().GetResult());
            Assert.Contains("changed since it was read", refusal.Message, StringComparison.Ordinal);
            Assert.True(second.IsCompletedSuccessfully, "the write made as the first one resumed was left waiting");
            Assert.True(plain.IsCompletedSuccessfully);
        });

        Assert.Equal(commitsBefore + 2, database.GroupCommits);
        Assert.Equal(1, await CountOf(storage, stale));
        Assert.Equal(2, await CountOf(storage, chained));
        Assert.Equal(5, await CountOf(storage, other));
    }

    [Fact]
    public async Task Writes_queued_when_the_database_closes_fail_instead_of_waiting_forever()
    {
        var database = new SqliteDatabase(_folder.Path);
        var storage = StorageHarness.GrainStorage(database, $"svc-{Guid.NewGuid():N}");
        await storage.WriteStateAsync("counter", GrainId.Create("counter", "schema"), new TestGrainState<CounterState>(new CounterState()));

        RunOnOwnThread(() =>
        {
            var writes = ThreadCommittedWrites.AttachCurrentThread();
            var queued = storage.WriteStateAsync("counter", GrainId.Create("counter", "late"), new TestGrainState<CounterState>(new CounterState { Count = 3 }));
            database.DisposeAsync().AsTask().GetAwaiter().GetResult();

            writes.CommitQueued();

            Assert.True(queued.IsFaulted);
            Assert.IsType<ObjectDisposedException>(queued.Exception!.InnerException);
            Assert.Throws<ObjectDisposedException>(() =>
                storage.WriteStateAsync("counter", GrainId.Create("counter", "after"), new TestGrainState<CounterState>(new CounterState())).GetAwaiter().GetResult());
        });
    }

    [Fact]
    public async Task A_thread_pool_thread_cannot_be_attached() =>
        await Task.Run(() => Assert.Throws<InvalidOperationException>(() => ThreadCommittedWrites.AttachCurrentThread()));

    private static async Task WriteTwice(IGrainStorage storage, GrainId grain)
    {
        var state = new TestGrainState<CounterState>(new CounterState { Count = 1 });
        await storage.WriteStateAsync("counter", grain, state);
        state.State.Count = 2;
        await storage.WriteStateAsync("counter", grain, state); // queued again while the first one's caller resumes
    }

    private static async Task<int> CountOf(IGrainStorage storage, GrainId grain)
    {
        var read = new TestGrainState<CounterState>(new CounterState());
        await storage.ReadStateAsync("counter", grain, read);
        return read.State.Count;
    }

    /// <summary>Runs the body on a dedicated thread (as the SIP receive thread is) and returns that thread once it ended.</summary>
    private static Thread RunOnOwnThread(Action body)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                body();
            }
            catch (Exception e)
            {
                failure = e;
            }
        }) { IsBackground = true, Name = "test writer" };
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(30)), "the thread did not finish");
        if (failure is not null)
        {
            throw new Xunit.Sdk.XunitException($"On the attached thread: {failure}");
        }
        return thread;
    }

    public void Dispose() => _folder.Dispose();
}
