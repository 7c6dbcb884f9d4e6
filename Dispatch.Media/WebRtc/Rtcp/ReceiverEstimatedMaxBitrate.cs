using System.Buffers.Binary;

namespace Dispatch.Media.WebRtc.Rtcp;

/// <summary>
/// REMB (draft-alvestrand-rmcat-remb-03 §2.2), PSFB FMT 15 with the identifier "REMB":
/// bitrate = mantissa (18 bits) * 2^exponent (6 bits), for the listed SSRCs.
/// </summary>
public sealed record ReceiverEstimatedMaxBitrate(RtcpHeader Header, uint SenderSsrc, ulong BitsPerSecond, IReadOnlyList<uint> Ssrcs)
    : RtcpPacket(Header)
{
    internal static bool IsRemb(ReadOnlySpan<byte> body) =>
        body.Length >= 12 && body[8] == (byte)'R' && body[9] == (byte)'E' && body[10] == (byte)'M' && body[11] == (byte)'B';

    internal static RtcpParseError TryParse(RtcpHeader header, ReadOnlySpan<byte> body, out RtcpPacket? packet)
    {
        packet = null;
        if (body.Length < 16)
        {
            return RtcpParseError.BadFeedback;
        }
        var count = body[12];
        var exponent = body[13] >> 2;
        var mantissa = ((body[13] & 0x3) << 16) | (body[14] << 8) | body[15];
        if (body.Length < 16 + 4 * count)
        {
            return RtcpParseError.BadFeedback;
        }
        var ssrcs = new uint[count];
        for (var i = 0; i < count; i++)
        {
            ssrcs[i] = BinaryPrimitives.ReadUInt32BigEndian(body[(16 + 4 * i)..]);
        }
        // An exponent above 46 would overflow 64 bits with an 18-bit mantissa; clamp rather than fail.
        var bitrate = exponent > 46 ? ulong.MaxValue : (ulong)mantissa << exponent;
        packet = new ReceiverEstimatedMaxBitrate(header, BinaryPrimitives.ReadUInt32BigEndian(body), bitrate, ssrcs);
        return RtcpParseError.None;
    }
}
