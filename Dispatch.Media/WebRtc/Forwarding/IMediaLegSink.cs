using Dispatch.Media.WebRtc.Rtcp;

namespace Dispatch.Media.WebRtc.Forwarding;

/// <summary>What a leg hands on: its connection, and each received RTP packet and RTCP compound, already plain.</summary>
public interface IMediaLegSink
{
    /// <summary>The leg can now carry media (called once).</summary>
    void OnConnected(IMediaLeg leg);

    /// <summary>A plain RTP packet from the leg's peer; the sink may rewrite it in place.</summary>
    void OnRtp(IMediaLeg leg, Span<byte> packet);

    /// <summary>The packets of one RTCP compound from the leg's peer.</summary>
    void OnRtcp(IMediaLeg leg, IReadOnlyList<RtcpPacket> packets);
}
