using System.Buffers.Binary;

namespace Dispatch.Media.WebRtc.Rtcp;

/// <summary>Reception state of one transport-wide sequence number.</summary>
public enum TransportPacketStatus : byte
{
    NotReceived = 0,
    ReceivedSmallDelta = 1,
    ReceivedLargeDelta = 2,
}

/// <summary>
/// Transport-wide congestion control feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1),
/// RTPFB FMT 15. Parsed: base sequence, status count, reference time (multiples of 64 ms), feedback
/// count, one status per packet from run-length and status-vector chunks, and the receive deltas
/// (multiples of 250 us) of received packets.
/// </summary>
public sealed record TransportWideFeedback(
    RtcpHeader Header,
    uint SenderSsrc,
    uint MediaSsrc,
    ushort BaseSequence,
    int ReferenceTime,
    byte FeedbackCount,
    IReadOnlyList<TransportPacketStatus> Statuses,
    IReadOnlyList<int> ReceiveDeltas) : RtcpPacket(Header)
{
    public TimeSpan ReferenceTimeSpan => TimeSpan.FromMilliseconds(ReferenceTime * 64L);

    internal static RtcpParseError TryParse(RtcpHeader header, ReadOnlySpan<byte> body, out RtcpPacket? packet)
    {
        packet = null;
        if (body.Length < 16)
        {
            return RtcpParseError.BadFeedback;
        }
        var baseSequence = BinaryPrimitives.ReadUInt16BigEndian(body[8..]);
        var statusCount = BinaryPrimitives.ReadUInt16BigEndian(body[10..]);
        var reference = (body[12] << 16) | (body[13] << 8) | body[14];
        if ((reference & 0x800000) != 0)
        {
            reference |= unchecked((int)0xFF000000); // 24-bit signed
        }
        var statuses = new List<TransportPacketStatus>(statusCount);
        var offset = 16;
        while (statuses.Count < statusCount)
        {
            if (offset + 2 > body.Length)
            {
                return RtcpParseError.BadFeedback;
            }
            var chunk = BinaryPrimitives.ReadUInt16BigEndian(body[offset..]);
            offset += 2;
            if ((chunk & 0x8000) == 0)
            {
                // Run length chunk: 2-bit symbol, 13-bit run.
                var symbol = (TransportPacketStatus)((chunk >> 13) & 0x3);
                for (var i = 0; i < (chunk & 0x1FFF) && statuses.Count < statusCount; i++)
                {
                    statuses.Add(symbol);
                }
            }
            else if ((chunk & 0x4000) == 0)
            {
                // Status vector of 14 one-bit symbols.
                for (var i = 13; i >= 0 && statuses.Count < statusCount; i--)
                {
                    statuses.Add((TransportPacketStatus)((chunk >> i) & 0x1));
                }
            }
            else
            {
                // Status vector of 7 two-bit symbols.
                for (var i = 6; i >= 0 && statuses.Count < statusCount; i--)
                {
                    statuses.Add((TransportPacketStatus)((chunk >> (2 * i)) & 0x3));
                }
            }
        }
        var deltas = new List<int>();
        foreach (var status in statuses)
        {
            switch (status)
            {
                case TransportPacketStatus.ReceivedSmallDelta:
                    if (offset + 1 > body.Length)
                    {
                        return RtcpParseError.BadFeedback;
                    }
                    deltas.Add(body[offset++]);
                    break;
                case TransportPacketStatus.ReceivedLargeDelta:
                    if (offset + 2 > body.Length)
                    {
                        return RtcpParseError.BadFeedback;
                    }
                    deltas.Add(BinaryPrimitives.ReadInt16BigEndian(body[offset..]));
                    offset += 2;
                    break;
                case TransportPacketStatus.NotReceived:
                    break;
                default:
                    return RtcpParseError.BadFeedback; // symbol 3 is reserved
            }
        }
        packet = new TransportWideFeedback(header, BinaryPrimitives.ReadUInt32BigEndian(body), BinaryPrimitives.ReadUInt32BigEndian(body[4..]),
            baseSequence, reference, body[15], statuses, deltas);
        return RtcpParseError.None;
    }
}
