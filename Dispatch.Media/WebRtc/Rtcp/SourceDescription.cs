using System.Buffers.Binary;
using System.Text;

namespace Dispatch.Media.WebRtc.Rtcp;

/// <summary>An SDES item (RFC 3550 §6.5): CNAME is type 1; MID (RFC 8843 §15) rides in type 15 (PRIV) or is negotiated.</summary>
public readonly record struct SourceDescriptionItem(byte Type, string Text)
{
    public const byte Cname = 1;
}

public sealed record SourceDescriptionChunk(uint Ssrc, IReadOnlyList<SourceDescriptionItem> Items);

/// <summary>
/// SDES (RFC 3550 §6.5): SC chunks, each an SSRC then items (type, length, text) ended by a zero type
/// byte and padded to a 32-bit boundary. An item or chunk past the packet end rejects the packet.
/// </summary>
public sealed record SourceDescription(RtcpHeader Header, IReadOnlyList<SourceDescriptionChunk> Chunks) : RtcpPacket(Header)
{
    internal static RtcpParseError TryParse(RtcpHeader header, ReadOnlySpan<byte> body, out RtcpPacket? packet)
    {
        packet = null;
        var chunks = new List<SourceDescriptionChunk>(header.Count);
        var offset = 0;
        for (var c = 0; c < header.Count; c++)
        {
            if (offset + 4 > body.Length)
            {
                return RtcpParseError.BadSourceDescription;
            }
            var ssrc = BinaryPrimitives.ReadUInt32BigEndian(body[offset..]);
            offset += 4;
            var items = new List<SourceDescriptionItem>();
            while (true)
            {
                if (offset >= body.Length)
                {
                    return RtcpParseError.BadSourceDescription;
                }
                var type = body[offset];
                if (type == 0)
                {
                    // End of list, then pad to the next 32-bit boundary (offsets are relative to a word-aligned body).
                    offset = (offset + 4) & ~3;
                    break;
                }
                if (offset + 2 > body.Length || offset + 2 + body[offset + 1] > body.Length)
                {
                    return RtcpParseError.BadSourceDescription;
                }
                var length = body[offset + 1];
                items.Add(new SourceDescriptionItem(type, Encoding.UTF8.GetString(body.Slice(offset + 2, length))));
                offset += 2 + length;
            }
            if (offset > body.Length)
            {
                return RtcpParseError.BadSourceDescription;
            }
            chunks.Add(new SourceDescriptionChunk(ssrc, items));
        }
        packet = new SourceDescription(header, chunks);
        return RtcpParseError.None;
    }
}
