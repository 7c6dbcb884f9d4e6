using Dispatch.Media.WebRtc.Dtls;

namespace Dispatch.Media.Tests.WebRtc.Dtls;

/// <summary>
/// An in-memory network between two endpoints: it carries each polled datagram to the other side, drops
/// some and holds some back to reorder them, with a seeded <see cref="Random"/> so a run can be replayed.
/// </summary>
internal sealed class DatagramPipe
{
    private readonly DtlsEndpoint _a;
    private readonly DtlsEndpoint _b;
    private readonly double _lossRate;
    private readonly double _reorderRate;
    private readonly Random _random;
    private readonly SemaphoreSlim _signal = new(0);
    private (byte[] Datagram, DtlsEndpoint To)? _heldBack;

    public DatagramPipe(DtlsEndpoint a, DtlsEndpoint b, double lossRate = 0, double reorderRate = 0, int seed = 1)
    {
        DropWhen = (_, _) => false;
        _a = a;
        _b = b;
        _lossRate = lossRate;
        _reorderRate = reorderRate;
        _random = new Random(seed);
        a.OutputAvailable += _ => _signal.Release();
        b.OutputAvailable += _ => _signal.Release();
    }

    public List<DtlsEvent> EventsOfA { get; } = [];

    public List<DtlsEvent> EventsOfB { get; } = [];

    /// <summary>Drops a datagram (from, bytes) on purpose, besides the random loss.</summary>
    public Func<DtlsEndpoint, byte[], bool> DropWhen { get; set; }

    public int Carried { get; private set; }

    public int Dropped { get; private set; }

    public int Reordered { get; private set; }

    /// <summary>Delivers datagrams until both sides have reported an event matching <paramref name="done"/>, or the time is up.</summary>
    public Task RunUntilAsync(Func<DtlsEvent, bool> done, TimeSpan timeout) =>
        RunUntilAsync(() => EventsOfA.Any(done) && EventsOfB.Any(done), timeout);

    /// <summary>Delivers datagrams until <paramref name="done"/> holds, or the time is up.</summary>
    public async Task RunUntilAsync(Func<bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            Pump();
            if (done())
            {
                return;
            }
            await _signal.WaitAsync(TimeSpan.FromMilliseconds(20));
        }
    }

    public Task RunUntilSettledAsync(TimeSpan timeout) =>
        RunUntilAsync(e => e is DtlsHandshakeCompleted or DtlsFailed, timeout);

    /// <summary>Moves everything waiting right now; returns whether anything moved.</summary>
    public bool Pump()
    {
        var moved = Move(_a, _b, EventsOfA) | Move(_b, _a, EventsOfB);
        if (!moved && _heldBack is { } late)
        {
            _heldBack = null;
            Deliver(late.Datagram, late.To);
            moved = true;
        }
        return moved;
    }

    private bool Move(DtlsEndpoint from, DtlsEndpoint to, List<DtlsEvent> events)
    {
        var moved = false;
        while (from.TryPollEvent(out var dtlsEvent))
        {
            events.Add(dtlsEvent);
        }
        while (from.TryPollDatagram(out var datagram))
        {
            moved = true;
            if (DropWhen(from, datagram) || _random.NextDouble() < _lossRate)
            {
                Dropped++;
                continue;
            }
            if (_heldBack is null && _random.NextDouble() < _reorderRate)
            {
                Reordered++;
                _heldBack = (datagram, to);
                continue;
            }
            Deliver(datagram, to);
            if (_heldBack is { } late)
            {
                _heldBack = null;
                Deliver(late.Datagram, late.To);
            }
        }
        return moved;
    }

    private void Deliver(byte[] datagram, DtlsEndpoint to)
    {
        Carried++;
        to.HandleDatagram(datagram);
    }
}
