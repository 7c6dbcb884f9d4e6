using System.Buffers.Binary;

namespace Dispatch.Media.WebRtc.Rtcp;

/// <summary>SR (RFC 3550 §6.4.1): sender info of 20 bytes after the SSRC, then RC report blocks.</summary>
public sealed record SenderReport(
    RtcpHeader Header,
    uint Ssrc,
    ulong NtpTimestamp,
    uint RtpTimestamp,
    uint PacketCount,
    uint OctetCount,
    IReadOnlyList<ReportBlock> Reports) : RtcpPacket(Header)
{
    internal static RtcpParseError TryParse(RtcpHeader header, ReadOnlySpan<byte> body, out RtcpPacket? packet)
    {
        packet = null;
        if (body.Length < 24 || !ReportBlock.TryReadAll(body[24..], header.Count, out var blocks))
        {
            return RtcpParseError.BodyTooShort;
        }
        packet = new SenderReport(header,
            BinaryPrimitives.ReadUInt32BigEndian(body),
            BinaryPrimitives.ReadUInt64BigEndian(body[4..]),
            BinaryPrimitives.ReadUInt32BigEndian(body[12..]),
            BinaryPrimitives.ReadUInt32BigEndian(body[16..]),
            BinaryPrimitives.ReadUInt32BigEndian(body[20..]),
            blocks);
        return RtcpParseError.None;
    }

    /// <summary>Length of an SR with no report blocks.</summary>
    public const int LengthWithoutReports = 28;

    /// <summary>Writes an SR without report blocks (RFC 3550 §6.4.1); returns its length.</summary>
    public static int Write(Span<byte> destination, uint ssrc, ulong ntpTimestamp, uint rtpTimestamp, uint packetCount, uint octetCount)
    {
        new RtcpHeader(false, 0, RtcpPacketType.SenderReport, LengthWithoutReports / 4 - 1).Write(destination);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ssrc);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], ntpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], rtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[20..], packetCount);
        BinaryPrimitives.WriteUInt32BigEndian(destination[24..], octetCount);
        return LengthWithoutReports;
    }
}
