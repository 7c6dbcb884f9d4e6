namespace Dispatch.Media.WebRtc.Ice;

/// <summary>
/// Tells STUN, DTLS, RTP and RTCP apart on one port (RFC 7983 §7):
/// <code>
///  first byte  0..3    STUN
///             16..19   ZRTP      (dropped)
///             20..63   DTLS
///             64..79   TURN channel (dropped: no TURN here)
///            128..191  RTP/RTCP: RTCP when the second byte (PT) is 192..223 (RFC 5761 §4)
/// </code>
/// </summary>
public static class PacketDemultiplexer
{
    public static PacketKind Classify(ReadOnlySpan<byte> datagram)
    {
        if (datagram.IsEmpty)
        {
            return PacketKind.Unknown;
        }
        return datagram[0] switch
        {
            <= 3 => PacketKind.Stun,
            >= 20 and <= 63 => PacketKind.Dtls,
            >= 128 and <= 191 => datagram.Length >= 2 && datagram[1] is >= 192 and <= 223 ? PacketKind.Rtcp : PacketKind.Rtp,
            _ => PacketKind.Unknown,
        };
    }
}
