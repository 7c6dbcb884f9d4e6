using Dispatch.Media.WebRtc.Rtcp;

namespace Dispatch.Media.WebRtc.Forwarding;

/// <summary>
/// Joins two legs of a call both ways: each leg's media goes to the other with payload types, SSRCs, sequence
/// numbers, timestamps and header extensions in the receiver's terms, and RTCP is answered per direction
/// (see <see cref="ForwardingDirection"/>). Media flows only while both legs are connected: what arrives before is
/// dropped, not queued, and the moment both are up each sender is asked for a key frame.
/// <code>
///   leg A ─RTP─▶ A→B ─▶ leg B        leg B ─PLI/FIR/NACK─▶ A→B ─▶ leg A       leg A ─SR─▶ A→B ─▶ leg B
///   leg B ─RTP─▶ B→A ─▶ leg A        leg A ─PLI/FIR/NACK─▶ B→A ─▶ leg B       leg B ─SR─▶ B→A ─▶ leg A
/// </code>
/// Receiver reports are each leg's own business (about what it receives), so RR packets are not passed on.
/// Runs under the call's lock, the one the legs share.
/// </summary>
public sealed class LegForwarder : IMediaLegSink
{
    private readonly ForwardingDirection _aToB;
    private readonly ForwardingDirection _bToA;
    private bool _bothConnected;

    public LegForwarder(IMediaLeg a, IMediaLeg b, TimeProvider time)
    {
        A = a;
        B = b;
        _aToB = new ForwardingDirection(a, b, time);
        _bToA = new ForwardingDirection(b, a, time);
        a.Sink = this;
        b.Sink = this;
        OnConnected(a);
    }

    public IMediaLeg A { get; }

    public IMediaLeg B { get; }

    /// <summary>RTP packets sent on, A to B and B to A.</summary>
    public (long AToB, long BToA) Forwarded => (_aToB.Forwarded, _bToA.Forwarded);

    /// <summary>RTP packets dropped because a leg was not connected yet.</summary>
    public long DroppedNotConnected => _aToB.DroppedNotConnected + _bToA.DroppedNotConnected;

    /// <summary>RTP packets whose payload type the other leg has no codec for.</summary>
    public long DroppedUnmapped => _aToB.DroppedUnmapped + _bToA.DroppedUnmapped;

    /// <summary>PLIs sent to a sender (relayed PLI/FIR, and the ones at start).</summary>
    public long KeyFrameRequests => _aToB.KeyFrameRequests + _bToA.KeyFrameRequests;

    public long TranslatedNacks => _aToB.TranslatedNacks + _bToA.TranslatedNacks;

    /// <summary>Stops forwarding: the legs keep running but their media goes nowhere.</summary>
    public void Detach()
    {
        if (ReferenceEquals(A.Sink, this))
        {
            A.Sink = null;
        }
        if (ReferenceEquals(B.Sink, this))
        {
            B.Sink = null;
        }
    }

    public void OnConnected(IMediaLeg leg)
    {
        if (_bothConnected || !A.IsConnected || !B.IsConnected)
        {
            return;
        }
        _bothConnected = true;
        _aToB.RequestKeyFrames();
        _bToA.RequestKeyFrames();
    }

    public void OnRtp(IMediaLeg leg, Span<byte> packet) => (ReferenceEquals(leg, A) ? _aToB : _bToA).Forward(packet);

    public void OnRtcp(IMediaLeg leg, IReadOnlyList<RtcpPacket> packets)
    {
        var fromA = ReferenceEquals(leg, A);
        // Media this leg sends travels in the direction away from it; feedback this leg gives is about the other way.
        var sent = fromA ? _aToB : _bToA;
        var received = fromA ? _bToA : _aToB;
        foreach (var packet in packets)
        {
            if (packet is SenderReport report)
            {
                sent.MirrorSenderReport(report);
            }
            else
            {
                received.HandleFeedback(packet);
            }
        }
    }
}
