using System.Buffers.Binary;

namespace Dispatch.Media.WebRtc.Rtcp;

/// <summary>RR (RFC 3550 §6.4.2): the reporter's SSRC and RC report blocks.</summary>
public sealed record ReceiverReport(RtcpHeader Header, uint Ssrc, IReadOnlyList<ReportBlock> Reports) : RtcpPacket(Header)
{
    internal static RtcpParseError TryParse(RtcpHeader header, ReadOnlySpan<byte> body, out RtcpPacket? packet)
    {
        packet = null;
        if (body.Length < 4 || !ReportBlock.TryReadAll(body[4..], header.Count, out var blocks))
        {
            return RtcpParseError.BodyTooShort;
        }
        packet = new ReceiverReport(header, BinaryPrimitives.ReadUInt32BigEndian(body), blocks);
        return RtcpParseError.None;
    }

    public static int LengthFor(int blocks) => 8 + blocks * ReportBlock.Length;

    /// <summary>Writes an RR; returns its length. At most 31 blocks fit the 5-bit count.</summary>
    public static int Write(Span<byte> destination, uint ssrc, ReadOnlySpan<ReportBlock> reports)
    {
        if (reports.Length > 31)
        {
            throw new ArgumentException("An RR holds at most 31 report blocks.", nameof(reports));
        }
        var length = LengthFor(reports.Length);
        new RtcpHeader(false, reports.Length, RtcpPacketType.ReceiverReport, length / 4 - 1).Write(destination);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ssrc);
        for (var i = 0; i < reports.Length; i++)
        {
            reports[i].Write(destination[(8 + i * ReportBlock.Length)..]);
        }
        return length;
    }
}
