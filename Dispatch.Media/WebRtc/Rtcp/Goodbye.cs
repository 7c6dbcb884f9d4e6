using System.Buffers.Binary;
using System.Text;

namespace Dispatch.Media.WebRtc.Rtcp;

/// <summary>BYE (RFC 3550 §6.6): SC sources leaving, and an optional length-prefixed reason.</summary>
public sealed record Goodbye(RtcpHeader Header, IReadOnlyList<uint> Sources, string? Reason) : RtcpPacket(Header)
{
    internal static RtcpParseError TryParse(RtcpHeader header, ReadOnlySpan<byte> body, out RtcpPacket? packet)
    {
        packet = null;
        var count = header.Count;
        if (body.Length < 4 * count)
        {
            return RtcpParseError.BodyTooShort;
        }
        var sources = new uint[count];
        for (var i = 0; i < count; i++)
        {
            sources[i] = BinaryPrimitives.ReadUInt32BigEndian(body[(4 * i)..]);
        }
        string? reason = null;
        var rest = body[(4 * count)..];
        if (rest.Length > 0 && rest[0] > 0)
        {
            if (1 + rest[0] > rest.Length)
            {
                return RtcpParseError.BodyTooShort;
            }
            reason = Encoding.UTF8.GetString(rest.Slice(1, rest[0]));
        }
        packet = new Goodbye(header, sources, reason);
        return RtcpParseError.None;
    }
}
