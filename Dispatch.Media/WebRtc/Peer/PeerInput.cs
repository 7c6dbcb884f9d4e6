namespace Dispatch.Media.WebRtc.Peer;

/// <summary>What a received datagram turned out to be, after <see cref="WebRtcPeer.HandleDatagram"/>.</summary>
public enum PeerInput
{
    /// <summary>Consumed (STUN, DTLS) or dropped (malformed, unauthenticated, unknown sender).</summary>
    None,

    /// <summary>An authenticated RTP packet, now plain in the caller's buffer.</summary>
    Rtp,

    /// <summary>An authenticated RTCP compound packet, now plain in the caller's buffer.</summary>
    Rtcp,
}
