namespace Dispatch.Gateway.Realtime;

/// <summary>
/// While this gateway hands a send's pushes to its devices and saves them in the inboxes, acknowledgements wait:
/// on two cores, 5,000 devices acknowledging the first pushes of a send took the CPU from the sends still queued
/// behind them, and the last device heard of the push seconds later (docs/realtime.md, "Deliveries first"). An
/// acknowledgement waits at most <see cref="LongestWait"/>; it is still saved before the device is answered, so
/// nothing is lost, only later.
/// <code>
///   DeliverBroadcast: Hold ──► 5,000 sends ──► sends written ──► release ──► waiting Acks go on
///   PushFanOut:       Hold ──► hand-out ──► socket writes (AfterSocketWrites) ──► inbox saves ──► release
/// </code>
/// </summary>
internal sealed class DeliveryFirst(TimeProvider clock, Func<long> queuedWork)
{
    /// <summary>Watches the thread pool's queue (<see cref="ThreadPool.PendingWorkItemCount"/>) for the socket writes.</summary>
    public DeliveryFirst(TimeProvider clock)
        : this(clock, () => ThreadPool.PendingWorkItemCount)
    {
    }

    /// <summary>Bounds an acknowledgement's wait, even when sends keep coming back to back.</summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long the transports take to write one handed-out send to its socket after the hand-out returned
    /// (5,000 sends: 150-250 ms on this 2-core machine, seen in perf timelines; docs/realtime.md).
    /// </summary>
    public static readonly TimeSpan SocketWritePerSend = TimeSpan.FromMicroseconds(50);

    /// <summary>The longest the estimate of <see cref="AfterSocketWrites"/> waits, however large the send.</summary>
    public static readonly TimeSpan LongestSocketWait = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The thread pool's queue is this short or shorter once the transports wrote a send: each handed-out send
    /// queues one work item (its connection's write to the socket), and a gateway between sends has a few.
    /// </summary>
    public const long QueueCaughtUp = 32;

    /// <summary>How often <see cref="AfterSocketWrites"/> looks at the queue after its estimate ran out.</summary>
    public static readonly TimeSpan QueuePoll = TimeSpan.FromMilliseconds(5);

    /// <summary>The longest <see cref="AfterSocketWrites"/> waits for the queue after its estimate, however busy the gateway.</summary>
    public static readonly TimeSpan LongestQueueWait = TimeSpan.FromMilliseconds(750);

    private readonly Lock _lock = new();
    private int _holds;
    private TaskCompletionSource? _released;

    /// <summary>True while some send is being handed out (for tests and logs).</summary>
    public bool Holding
    {
        get
        {
            lock (_lock)
            {
                return _holds > 0;
            }
        }
    }

    /// <summary>Acknowledgements wait from now until the returned hold is released (once).</summary>
    public Hold Begin()
    {
        lock (_lock)
        {
            _holds++;
        }
        return new Hold(this);
    }

    /// <summary>Completes at once when no send is being handed out; else when the last one is, or after <see cref="LongestWait"/>.</summary>
    public Task WhenFree()
    {
        Task released;
        lock (_lock)
        {
            if (_holds == 0)
            {
                return Task.CompletedTask;
            }
            // Continuations run on the thread pool, queued behind the socket writes of the sends.
            _released ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            released = _released.Task;
        }
        return WaitBounded(released);
    }

    /// <summary>
    /// Completes about when the transports have written <paramref name="sends"/> just handed out to their sockets:
    /// the inbox saves of a send start after that, so they do not take the CPU from the last sockets' writes.
    /// First an estimate (<see cref="SocketWritePerSend"/> each, at most <see cref="LongestSocketWait"/>), then,
    /// as long as the thread pool's queue still holds more than <see cref="QueueCaughtUp"/> work items, until it
    /// does not, for at most <see cref="LongestQueueWait"/> more. The estimate alone fitted a warm gateway on a
    /// quiet machine; the first send after a start, or a loaded machine, wrote for longer, and the 5,000 saves then
    /// ran among the last writes (docs/realtime.md, "Saves after the queued writes"). A few sends wait (almost) nothing.
    /// </summary>
    public Task AfterSocketWrites(int sends)
    {
        var wait = SocketWritePerSend * sends;
        wait = wait < LongestSocketWait ? wait : LongestSocketWait;
        return wait < TimeSpan.FromMilliseconds(1) ? Task.CompletedTask : EstimateThenQueue(wait);
    }

    private async Task EstimateThenQueue(TimeSpan estimate)
    {
        await Task.Delay(estimate, clock);
        var started = clock.GetTimestamp();
        while (queuedWork() > QueueCaughtUp && clock.GetElapsedTime(started) < LongestQueueWait)
        {
            await Task.Delay(QueuePoll, clock);
        }
    }

    private async Task WaitBounded(Task released)
    {
        try
        {
            await released.WaitAsync(LongestWait, clock);
        }
        catch (TimeoutException)
        {
            // Waited long enough: acknowledging now costs a little delivery speed, never a receipt.
        }
    }

    private void Release()
    {
        TaskCompletionSource? released = null;
        lock (_lock)
        {
            if (--_holds == 0)
            {
                (released, _released) = (_released, null);
            }
        }
        released?.TrySetResult();
    }

    /// <summary>One send being handed out; releasing it twice releases once.</summary>
    public sealed class Hold(DeliveryFirst owner)
    {
        private int _released;

        public void Release()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Release();
            }
        }
    }
}
