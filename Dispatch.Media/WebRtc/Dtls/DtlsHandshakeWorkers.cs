using System.Collections.Concurrent;

namespace Dispatch.Media.WebRtc.Dtls;

/// <summary>
/// A bounded set of dedicated threads that run BouncyCastle's blocking DTLS handshakes.
/// <code>
///   endpoints (any number) ──job──▶ queue ──▶ worker 1..N  (each runs one handshake to its end)
///   connected endpoints    ──no thread: records are decrypted on the caller of HandleDatagram
/// </code>
/// A handshake holds a worker only between its start and its Finished (about 2 RTT, or until timeout);
/// handshakes beyond N wait in the queue while their peers retransmit. Threads start on demand and are not
/// ThreadPool threads, so waiting handshakes never starve the pool. See docs/media-dtls.md.
/// </summary>
public sealed class DtlsHandshakeWorkers : IDisposable
{
    private static readonly Lazy<DtlsHandshakeWorkers> SharedInstance =
        new(() => new DtlsHandshakeWorkers(Math.Max(8, Environment.ProcessorCount * 4)));

    private readonly BlockingCollection<Action> _jobs = new();
    private readonly object _growLock = new();
    private readonly int _maxThreads;
    private readonly string _name;
    private int _threads;
    private int _idle;
    private int _busy;
    private int _peakBusy;

    public DtlsHandshakeWorkers(int maxThreads, string name = "dtls-handshake")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxThreads, 1);
        _maxThreads = maxThreads;
        _name = name;
    }

    /// <summary>One set for the process: 4 threads per core, at least 8.</summary>
    public static DtlsHandshakeWorkers Shared => SharedInstance.Value;

    public int MaxThreads => _maxThreads;

    /// <summary>Threads started so far (never more than <see cref="MaxThreads"/>).</summary>
    public int ThreadCount => Volatile.Read(ref _threads);

    /// <summary>Handshakes running now.</summary>
    public int Busy => Volatile.Read(ref _busy);

    /// <summary>The most handshakes that ran at once.</summary>
    public int PeakBusy => Volatile.Read(ref _peakBusy);

    /// <summary>Handshakes waiting for a free worker.</summary>
    public int Queued => _jobs.Count;

    /// <summary>Queues a handshake; false once the workers are disposed.</summary>
    internal bool TrySchedule(Action handshake)
    {
        try
        {
            _jobs.Add(handshake);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
        if (Volatile.Read(ref _idle) == 0)
        {
            TryStartThread();
        }
        return true;
    }

    public void Dispose() => _jobs.CompleteAdding();

    private void TryStartThread()
    {
        lock (_growLock)
        {
            if (_threads >= _maxThreads)
            {
                return;
            }
            _threads++;
            Interlocked.Increment(ref _idle);
            // BouncyCastle's handshake stack is shallow; 256 KiB instead of the default 8 MiB reservation.
            new Thread(Run, 256 * 1024) { IsBackground = true, Name = $"{_name}-{_threads}" }.Start();
        }
    }

    private void Run()
    {
        foreach (var job in _jobs.GetConsumingEnumerable())
        {
            Interlocked.Decrement(ref _idle);
            var busy = Interlocked.Increment(ref _busy);
            InterlockedMax(ref _peakBusy, busy);
            if (_jobs.Count > 0 && Volatile.Read(ref _idle) == 0)
            {
                TryStartThread();
            }
            try
            {
                job();
            }
            catch
            {
                // A job reports its own failures; one that escapes must not kill the worker.
            }
            Interlocked.Decrement(ref _busy);
            Interlocked.Increment(ref _idle);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }
            current = seen;
        }
    }
}
