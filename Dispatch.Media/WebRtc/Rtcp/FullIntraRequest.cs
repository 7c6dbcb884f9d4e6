using System.Buffers.Binary;

namespace Dispatch.Media.WebRtc.Rtcp;

/// <summary>One FIR entry: the SSRC asked for a key frame and the command sequence number.</summary>
public readonly record struct FullIntraRequestEntry(uint Ssrc, byte SequenceNumber);

/// <summary>FIR (RFC 5104 §4.3.1), PSFB FMT 4: media SSRC zero, FCI entries of 8 bytes.</summary>
public sealed record FullIntraRequest(RtcpHeader Header, uint SenderSsrc, IReadOnlyList<FullIntraRequestEntry> Entries) : RtcpPacket(Header)
{
    internal static RtcpParseError TryParse(RtcpHeader header, ReadOnlySpan<byte> body, out RtcpPacket? packet)
    {
        packet = null;
        if (body.Length < 16 || (body.Length - 8) % 8 != 0)
        {
            return RtcpParseError.BadFeedback;
        }
        var entries = new FullIntraRequestEntry[(body.Length - 8) / 8];
        for (var i = 0; i < entries.Length; i++)
        {
            var fci = body[(8 + 8 * i)..];
            entries[i] = new FullIntraRequestEntry(BinaryPrimitives.ReadUInt32BigEndian(fci), fci[4]);
        }
        packet = new FullIntraRequest(header, BinaryPrimitives.ReadUInt32BigEndian(body), entries);
        return RtcpParseError.None;
    }

    /// <summary>Length of a FIR with one FCI entry.</summary>
    public const int SingleEntryLength = 20;

    /// <summary>
    /// Writes a FIR for one media sender (RFC 5104 §4.3.1.1): the common packet's media SSRC is zero, the FCI names
    /// the target and carries the command sequence number, which the requester increments for each new request
    /// (§4.3.1.1; a repeated number is a retransmission of the same request).
    /// </summary>
    public static int Write(Span<byte> destination, uint senderSsrc, uint targetSsrc, byte sequenceNumber)
    {
        new RtcpHeader(false, RtcpPacketType.FormatFullIntraRequest, RtcpPacketType.PayloadFeedback, SingleEntryLength / 4 - 1).Write(destination);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], senderSsrc);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], 0);
        BinaryPrimitives.WriteUInt32BigEndian(destination[12..], targetSsrc);
        destination[16] = sequenceNumber;
        destination[17..SingleEntryLength].Clear();
        return SingleEntryLength;
    }
}
