namespace Dispatch.Media.WebRtc.Forwarding;

/// <summary>
/// One side of a call's media as the forwarder sees it: what was negotiated (<see cref="Sections"/>), plain RTP and
/// RTCP coming out of it (to its <see cref="Sink"/>), and plain RTP and RTCP going into it in its own numbering
/// (payload types, SSRCs, header extension ids of its own negotiation). A WebRTC leg protects with SRTP; a plain
/// RTP leg toward a SIP phone (or a transcoding bridge in front of one) implements the same contract.
/// <code>
///   peer ══▶ leg ── Sink.OnRtp / OnRtcp (plain) ──▶ LegForwarder ── SendRtp / SendRtcp (plain) ──▶ other leg ══▶ peer
/// </code>
/// Calls into a leg and out of it happen under the call's one lock, so a leg never sees two packets at once.
/// </summary>
public interface IMediaLeg
{
    string LegId { get; }

    /// <summary>The accepted audio and video sections: codecs, extension ids and our send SSRCs.</summary>
    IReadOnlyList<LegSection> Sections { get; }

    /// <summary>True once media can flow to the peer (for WebRTC: DTLS done, SRTP keys exist).</summary>
    bool IsConnected { get; }

    /// <summary>The SSRC this leg's own RTCP (reports, feedback) is sent from.</summary>
    uint ReporterSsrc { get; }

    /// <summary>Where received media and RTCP go; null drops them (a leg not joined yet).</summary>
    IMediaLegSink? Sink { get; set; }

    /// <summary>Sends a plain RTP packet written in this leg's numbering; false when not connected.</summary>
    bool SendRtp(ReadOnlySpan<byte> packet);

    /// <summary>Sends a plain RTCP compound packet (RFC 3550 §6.1: it starts with an SR or RR); false when not connected.</summary>
    bool SendRtcp(ReadOnlySpan<byte> compound);
}
