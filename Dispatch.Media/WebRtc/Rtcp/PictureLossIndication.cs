using System.Buffers.Binary;

namespace Dispatch.Media.WebRtc.Rtcp;

/// <summary>PLI (RFC 4585 §6.3.1), PSFB FMT 1: two SSRCs, no FCI.</summary>
public sealed record PictureLossIndication(RtcpHeader Header, uint SenderSsrc, uint MediaSsrc) : RtcpPacket(Header)
{
    public const int Length = 12;

    internal static RtcpParseError TryParse(RtcpHeader header, ReadOnlySpan<byte> body, out RtcpPacket? packet)
    {
        packet = null;
        if (body.Length < 8)
        {
            return RtcpParseError.BadFeedback;
        }
        packet = new PictureLossIndication(header, BinaryPrimitives.ReadUInt32BigEndian(body), BinaryPrimitives.ReadUInt32BigEndian(body[4..]));
        return RtcpParseError.None;
    }

    public static int Write(Span<byte> destination, uint senderSsrc, uint mediaSsrc)
    {
        new RtcpHeader(false, RtcpPacketType.FormatPictureLoss, RtcpPacketType.PayloadFeedback, 2).Write(destination);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], senderSsrc);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], mediaSsrc);
        return Length;
    }
}
