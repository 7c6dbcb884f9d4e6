using System.Buffers.Binary;

namespace Dispatch.Media.WebRtc.Rtcp;

/// <summary>
/// Generic NACK (RFC 4585 §6.2.1), RTPFB FMT 1: FCI entries of PID (a lost sequence number) and BLP
/// (bit i set: PID + i + 1 lost too).
/// </summary>
public sealed record GenericNack(RtcpHeader Header, uint SenderSsrc, uint MediaSsrc, IReadOnlyList<ushort> LostSequenceNumbers)
    : RtcpPacket(Header)
{
    internal static RtcpParseError TryParse(RtcpHeader header, ReadOnlySpan<byte> body, out RtcpPacket? packet)
    {
        packet = null;
        // Two SSRCs and at least one FCI entry (RFC 4585 §6.2.1: "one or more").
        if (body.Length < 12 || body.Length % 4 != 0)
        {
            return RtcpParseError.BadFeedback;
        }
        var lost = new List<ushort>();
        for (var offset = 8; offset < body.Length; offset += 4)
        {
            var pid = BinaryPrimitives.ReadUInt16BigEndian(body[offset..]);
            var blp = BinaryPrimitives.ReadUInt16BigEndian(body[(offset + 2)..]);
            lost.Add(pid);
            for (var bit = 0; bit < 16; bit++)
            {
                if ((blp & (1 << bit)) != 0)
                {
                    lost.Add((ushort)(pid + bit + 1));
                }
            }
        }
        packet = new GenericNack(header, BinaryPrimitives.ReadUInt32BigEndian(body), BinaryPrimitives.ReadUInt32BigEndian(body[4..]), lost);
        return RtcpParseError.None;
    }

    /// <summary>Bytes <see cref="Write"/> needs for these lost sequence numbers (sorted in RTP order).</summary>
    public static int LengthFor(ReadOnlySpan<ushort> lost) => 12 + 4 * CountEntries(lost);

    /// <summary>Packs sorted lost sequence numbers into PID/BLP entries; returns the packet length.</summary>
    public static int Write(Span<byte> destination, uint senderSsrc, uint mediaSsrc, ReadOnlySpan<ushort> lost)
    {
        var entries = CountEntries(lost);
        if (entries == 0)
        {
            throw new ArgumentException("A NACK needs at least one lost packet.", nameof(lost));
        }
        var length = 12 + 4 * entries;
        new RtcpHeader(false, RtcpPacketType.FormatGenericNack, RtcpPacketType.TransportFeedback, length / 4 - 1).Write(destination);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], senderSsrc);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], mediaSsrc);
        var offset = 12;
        var i = 0;
        while (i < lost.Length)
        {
            var pid = lost[i++];
            ushort blp = 0;
            while (i < lost.Length && (ushort)(lost[i] - pid) is >= 1 and <= 16)
            {
                blp |= (ushort)(1 << (ushort)(lost[i] - pid - 1));
                i++;
            }
            BinaryPrimitives.WriteUInt16BigEndian(destination[offset..], pid);
            BinaryPrimitives.WriteUInt16BigEndian(destination[(offset + 2)..], blp);
            offset += 4;
        }
        return length;
    }

    private static int CountEntries(ReadOnlySpan<ushort> lost)
    {
        var entries = 0;
        var i = 0;
        while (i < lost.Length)
        {
            var pid = lost[i++];
            while (i < lost.Length && (ushort)(lost[i] - pid) is >= 1 and <= 16)
            {
                i++;
            }
            entries++;
        }
        return entries;
    }
}
