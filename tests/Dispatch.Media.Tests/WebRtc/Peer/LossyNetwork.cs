using System.Net;

namespace Dispatch.Media.Tests.WebRtc.Peer;

/// <summary>
/// A simulated UDP path between two in-memory peers: a seeded share of datagrams is dropped, and a share is
/// held back and delivered after later ones (reordering). Delivery is explicit, so tests stay deterministic.
/// </summary>
internal sealed class LossyNetwork(int seed, double lossRate, double reorderRate)
{
    private readonly Random _random = new(seed);
    private readonly List<(byte[] Data, IPEndPoint From, IPEndPoint To)> _inFlight = [];
    private readonly List<(byte[] Data, IPEndPoint From, IPEndPoint To)> _heldBack = [];

    public int Sent { get; private set; }

    public int Dropped { get; private set; }

    public int Reordered { get; private set; }

    public void Send(ReadOnlySpan<byte> data, IPEndPoint from, IPEndPoint to)
    {
        Sent++;
        if (_random.NextDouble() < lossRate)
        {
            Dropped++;
            return;
        }
        if (_random.NextDouble() < reorderRate)
        {
            Reordered++;
            _heldBack.Add((data.ToArray(), from, to));
            return;
        }
        _inFlight.Add((data.ToArray(), from, to));
    }

    /// <summary>Everything sent since the last call, with held-back datagrams placed after newer ones.</summary>
    public List<(byte[] Data, IPEndPoint From, IPEndPoint To)> TakeDeliverable()
    {
        var batch = new List<(byte[], IPEndPoint, IPEndPoint)>(_inFlight);
        _inFlight.Clear();
        // Held-back datagrams overtake nothing: they arrive after this round's newer ones, or a round later.
        var released = _heldBack.Where(_ => _random.NextDouble() < 0.5).ToList();
        foreach (var r in released)
        {
            _heldBack.Remove(r);
        }
        batch.AddRange(released);
        return batch;
    }
}
