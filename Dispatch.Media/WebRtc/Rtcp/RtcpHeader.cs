using System.Buffers.Binary;

namespace Dispatch.Media.WebRtc.Rtcp;

/// <summary>
/// The common RTCP header (RFC 3550 §6.4.1):
/// <code>
/// |V=2|P|  RC/FMT |      PT       |     length (32-bit words - 1) |
/// </code>
/// </summary>
public readonly record struct RtcpHeader(bool Padding, int Count, byte PacketType, int LengthWords)
{
    public const int Length = 4;

    /// <summary>The whole packet, header included: (length + 1) * 4.</summary>
    public int PacketLength => (LengthWords + 1) * 4;

    public static RtcpParseError TryRead(ReadOnlySpan<byte> data, out RtcpHeader header)
    {
        header = default;
        if (data.Length < Length)
        {
            return RtcpParseError.TooShort;
        }
        if (data[0] >> 6 != 2)
        {
            return RtcpParseError.BadVersion;
        }
        header = new RtcpHeader((data[0] & 0x20) != 0, data[0] & 0x1F, data[1], BinaryPrimitives.ReadUInt16BigEndian(data[2..]));
        return header.PacketLength > data.Length ? RtcpParseError.Truncated : RtcpParseError.None;
    }

    public void Write(Span<byte> destination)
    {
        destination[0] = (byte)(0x80 | (Padding ? 0x20 : 0) | (Count & 0x1F));
        destination[1] = PacketType;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)LengthWords);
    }

    /// <summary>RTCP on a muxed port is told from RTP by PT 192-223 (RFC 5761 §4).</summary>
    public static bool IsRtcp(ReadOnlySpan<byte> datagram) => datagram.Length >= 2 && datagram[1] is >= 192 and <= 223;
}
