using Dispatch.Silo.Tests.Storage.TestGrains;
using Dispatch.Silo.Tests.Support;

namespace Dispatch.Silo.Tests.Storage;

public sealed class SqliteClusterRestartTests
{
    [Fact]
    public async Task Grain_state_written_before_a_restart_is_read_back_after_it()
    {
        using var folder = new TempFolder();
        var key = $"counter-{Guid.NewGuid():N}";

        await using (var first = await SqliteTestCluster.StartAsync(folder.Path))
        {
            var counter = first.Client.GetGrain<ICounterGrain>(key);
            await counter.Increment("one");
            await counter.Increment("two");
            Assert.Equal(3, await counter.Increment("three"));
            await first.StopAllSilosAsync();
        }

        await using var second = await SqliteTestCluster.StartAsync(folder.Path);
        var state = await second.Client.GetGrain<ICounterGrain>(key).Get();

        Assert.Equal(3, state.Count);
        Assert.Equal(["one", "two", "three"], state.Notes);
    }

    [Fact]
    public async Task Cleared_state_stays_cleared_after_a_restart()
    {
        using var folder = new TempFolder();
        var key = $"counter-{Guid.NewGuid():N}";

        await using (var first = await SqliteTestCluster.StartAsync(folder.Path))
        {
            var counter = first.Client.GetGrain<ICounterGrain>(key);
            await counter.Increment("gone");
            await counter.Clear();
            await first.StopAllSilosAsync();
        }

        await using var second = await SqliteTestCluster.StartAsync(folder.Path);
        var state = await second.Client.GetGrain<ICounterGrain>(key).Get();

        Assert.Equal(0, state.Count);
        Assert.Empty(state.Notes);
    }

    [Fact]
    public async Task A_reminder_registered_before_a_restart_fires_after_it()
    {
        using var folder = new TempFolder();
        var key = $"alarm-{Guid.NewGuid():N}";

        await using (var first = await SqliteTestCluster.StartAsync(folder.Path))
        {
            // Due well after the first cluster is gone; the second must load it from the file.
            await first.Client.GetGrain<IAlarmGrain>(key).Arm(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(2));
            await first.StopAllSilosAsync();
        }

        AlarmGrain.Ticks.TryRemove(key, out _);
        await using var second = await SqliteTestCluster.StartAsync(folder.Path);

        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (AlarmGrain.Ticks.GetValueOrDefault(key) == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        Assert.True(AlarmGrain.Ticks.GetValueOrDefault(key) > 0, "the reminder did not fire within 45 s of the restart");
        await second.Client.GetGrain<IAlarmGrain>(key).Disarm();
    }
}
