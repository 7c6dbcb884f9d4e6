using Dispatch.Gateway.Realtime;
using Microsoft.Extensions.Time.Testing;

namespace Dispatch.Gateway.Tests.Realtime;

/// <summary>
/// Acknowledgements wait while a send is handed to this gateway's devices, and go on when the last send being
/// handed out is done, or when they waited <see cref="DeliveryFirst.LongestWait"/>, whichever comes first.
/// </summary>
public sealed class DeliveryFirstTests
{
    [Fact]
    public void With_no_send_being_handed_out_an_acknowledgement_goes_on_at_once()
    {
        var first = new DeliveryFirst(new FakeTimeProvider());

        Assert.True(first.WhenFree().IsCompletedSuccessfully);
        Assert.False(first.Holding);
    }

    [Fact]
    public async Task An_acknowledgement_waits_until_every_send_being_handed_out_is_done()
    {
        var first = new DeliveryFirst(new FakeTimeProvider());
        var one = first.Begin();
        var two = first.Begin();

        var waiting = first.WhenFree();
        one.Release();
        one.Release(); // a second release of the same hold changes nothing
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);

        two.Release();
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(first.Holding);
        Assert.True(first.WhenFree().IsCompletedSuccessfully);
    }

    [Fact]
    public async Task An_acknowledgement_waits_no_longer_than_the_longest_wait_while_sends_keep_coming()
    {
        var clock = new FakeTimeProvider();
        var first = new DeliveryFirst(clock);
        first.Begin();

        var waiting = first.WhenFree();
        clock.Advance(DeliveryFirst.LongestWait - TimeSpan.FromMilliseconds(1));
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(waiting.IsCompletedSuccessfully);
        Assert.True(first.Holding);
    }

    [Fact]
    public async Task Inbox_saves_wait_for_the_socket_writes_of_a_large_send_and_not_for_a_small_one()
    {
        var clock = new FakeTimeProvider();
        var first = new DeliveryFirst(clock, queuedWork: () => 0);

        Assert.True(first.AfterSocketWrites(1).IsCompletedSuccessfully);
        var large = first.AfterSocketWrites(5_000);
        var huge = first.AfterSocketWrites(1_000_000);
        clock.Advance(DeliveryFirst.LongestSocketWait - TimeSpan.FromMilliseconds(1));
        await Task.Delay(50);
        Assert.False(large.IsCompleted);
        Assert.False(huge.IsCompleted);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        await Task.WhenAll(large, huge).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(TimeSpan.FromMilliseconds(250), DeliveryFirst.SocketWritePerSend * 5_000);
    }

    [Fact]
    public async Task Inbox_saves_wait_after_the_estimate_until_the_queued_socket_writes_ran()
    {
        var clock = new FakeTimeProvider();
        long queued = 4_000;
        var first = new DeliveryFirst(clock, queuedWork: () => Interlocked.Read(ref queued));

        var saves = first.AfterSocketWrites(5_000);
        await Advance(clock, DeliveryFirst.LongestSocketWait);
        await Advance(clock, DeliveryFirst.QueuePoll * 10);
        Assert.False(saves.IsCompleted); // the estimate ran out, the writes are still queued

        Interlocked.Exchange(ref queued, DeliveryFirst.QueueCaughtUp);
        await AdvanceUntil(clock, saves);
    }

    [Fact]
    public async Task Inbox_saves_wait_for_a_queue_that_never_drains_no_longer_than_the_longest_queue_wait()
    {
        var clock = new FakeTimeProvider();
        var first = new DeliveryFirst(clock, queuedWork: () => 1_000_000);

        var saves = first.AfterSocketWrites(5_000);
        await Advance(clock, DeliveryFirst.LongestSocketWait);
        await Advance(clock, DeliveryFirst.LongestQueueWait - DeliveryFirst.QueuePoll);
        Assert.False(saves.IsCompleted);

        await AdvanceUntil(clock, saves);
    }

    /// <summary>Moves the fake clock a poll at a time until <paramref name="done"/> completes (a busy machine may need a few).</summary>
    private static async Task AdvanceUntil(FakeTimeProvider clock, Task done)
    {
        for (var step = 0; step < 1_000 && !done.IsCompleted; step++)
        {
            clock.Advance(DeliveryFirst.QueuePoll);
            await Task.WhenAny(done, Task.Delay(5));
        }
        await done.WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>Moves the fake clock in poll-sized steps, letting the waiting code see each step.</summary>
    private static async Task Advance(FakeTimeProvider clock, TimeSpan by)
    {
        for (var moved = TimeSpan.Zero; moved < by; moved += DeliveryFirst.QueuePoll)
        {
            var step = by - moved < DeliveryFirst.QueuePoll ? by - moved : DeliveryFirst.QueuePoll;
            clock.Advance(step);
            await Task.Delay(2);
        }
    }
}
