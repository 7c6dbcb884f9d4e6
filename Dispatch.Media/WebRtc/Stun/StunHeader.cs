using System.Buffers.Binary;

namespace Dispatch.Media.WebRtc.Stun;

/// <summary>
/// The fixed 20-byte header (RFC 8489 §5):
/// <code>
/// |0 0|  STUN Message Type (14) |   Message Length (16)   |
/// |              Magic Cookie 0x2112A442 (32)             |
/// |               Transaction ID (96)                     |
/// </code>
/// </summary>
public static class StunHeader
{
    public const int Length = 20;
    public const uint MagicCookie = 0x2112A442;

    /// <summary>
    /// A cheap test a demultiplexer can use before a full parse (RFC 8489 §7.3: leading zero bits,
    /// magic cookie, length a multiple of four).
    /// </summary>
    public static bool LooksLikeStun(ReadOnlySpan<byte> datagram) =>
        datagram.Length >= Length
        && (datagram[0] & 0xC0) == 0
        && BinaryPrimitives.ReadUInt32BigEndian(datagram[4..]) == MagicCookie
        && (BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]) & 0x3) == 0;
}
