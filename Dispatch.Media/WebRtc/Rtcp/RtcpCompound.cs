namespace Dispatch.Media.WebRtc.Rtcp;

/// <summary>
/// A compound RTCP datagram (RFC 3550 §6.1): packets back to back, each sized by its length field.
/// Every packet must be well formed or the whole datagram is rejected with a <see cref="RtcpParseError"/>
/// and the index of the offending packet; nothing throws. Reduced-size RTCP (RFC 5506) is accepted, so
/// the first packet need not be SR or RR.
/// </summary>
public sealed class RtcpCompound
{
    private RtcpCompound(IReadOnlyList<RtcpPacket> packets) => Packets = packets;

    public IReadOnlyList<RtcpPacket> Packets { get; }

    public static bool TryParse(ReadOnlySpan<byte> datagram, out RtcpCompound? compound, out RtcpParseError error) =>
        TryParse(datagram, out compound, out error, out _);

    public static bool TryParse(ReadOnlySpan<byte> datagram, out RtcpCompound? compound, out RtcpParseError error, out int failedIndex)
    {
        compound = null;
        failedIndex = 0;
        if (datagram.IsEmpty)
        {
            error = RtcpParseError.Empty;
            return false;
        }
        var packets = new List<RtcpPacket>(2);
        var offset = 0;
        while (offset < datagram.Length)
        {
            error = TryParseOne(datagram[offset..], out var packet, out var length);
            if (error != RtcpParseError.None)
            {
                failedIndex = packets.Count;
                return false;
            }
            packets.Add(packet!);
            offset += length;
        }
        compound = new RtcpCompound(packets);
        error = RtcpParseError.None;
        return true;
    }

    private static RtcpParseError TryParseOne(ReadOnlySpan<byte> data, out RtcpPacket? packet, out int length)
    {
        packet = null;
        length = 0;
        var error = RtcpHeader.TryRead(data, out var header);
        if (error != RtcpParseError.None)
        {
            return error;
        }
        length = header.PacketLength;
        var body = data[RtcpHeader.Length..length];
        if (header.Padding)
        {
            // RFC 3550 §6.4.1: the last octet counts padding octets, itself included.
            var pad = data[length - 1];
            if (pad == 0 || pad > body.Length)
            {
                return RtcpParseError.BadPadding;
            }
            body = body[..^pad];
        }
        return header.PacketType switch
        {
            RtcpPacketType.SenderReport => SenderReport.TryParse(header, body, out packet),
            RtcpPacketType.ReceiverReport => ReceiverReport.TryParse(header, body, out packet),
            RtcpPacketType.SourceDescription => SourceDescription.TryParse(header, body, out packet),
            RtcpPacketType.Goodbye => Goodbye.TryParse(header, body, out packet),
            RtcpPacketType.TransportFeedback => TryParseTransportFeedback(header, body, out packet),
            RtcpPacketType.PayloadFeedback => TryParsePayloadFeedback(header, body, out packet),
            _ => Unknown(header, body, out packet),
        };
    }

    private static RtcpParseError TryParseTransportFeedback(RtcpHeader header, ReadOnlySpan<byte> body, out RtcpPacket? packet) =>
        header.Count switch
        {
            RtcpPacketType.FormatGenericNack => GenericNack.TryParse(header, body, out packet),
            RtcpPacketType.FormatTransportWideCc => TransportWideFeedback.TryParse(header, body, out packet),
            _ => Feedback(header, body, out packet),
        };

    private static RtcpParseError TryParsePayloadFeedback(RtcpHeader header, ReadOnlySpan<byte> body, out RtcpPacket? packet) =>
        header.Count switch
        {
            RtcpPacketType.FormatPictureLoss => PictureLossIndication.TryParse(header, body, out packet),
            RtcpPacketType.FormatFullIntraRequest => FullIntraRequest.TryParse(header, body, out packet),
            RtcpPacketType.FormatApplicationLayer when ReceiverEstimatedMaxBitrate.IsRemb(body) =>
                ReceiverEstimatedMaxBitrate.TryParse(header, body, out packet),
            _ => Feedback(header, body, out packet),
        };

    /// <summary>RFC 4585 §6.1: every feedback message carries the sender and media SSRCs.</summary>
    private static RtcpParseError Feedback(RtcpHeader header, ReadOnlySpan<byte> body, out RtcpPacket? packet)
    {
        packet = null;
        return body.Length < 8 ? RtcpParseError.BadFeedback : Unknown(header, body, out packet);
    }

    private static RtcpParseError Unknown(RtcpHeader header, ReadOnlySpan<byte> body, out RtcpPacket? packet)
    {
        packet = new UnknownRtcpPacket(header, body.ToArray());
        return RtcpParseError.None;
    }
}
