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
}
