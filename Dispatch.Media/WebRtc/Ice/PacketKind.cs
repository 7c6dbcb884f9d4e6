namespace Dispatch.Media.WebRtc.Ice;

/// <summary>What a datagram on a WebRTC port is, by its first byte (RFC 7983 §7, RFC 5761 §4).</summary>
public enum PacketKind
{
    Unknown,
    Stun,
    Dtls,
    Rtp,
    Rtcp,
}
