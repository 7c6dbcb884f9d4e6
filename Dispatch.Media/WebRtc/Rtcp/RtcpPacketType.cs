namespace Dispatch.Media.WebRtc.Rtcp;

/// <summary>RTCP packet types (RFC 3550 §12.1, RFC 4585 §6.1) and feedback formats.</summary>
public static class RtcpPacketType
{
    public const byte SenderReport = 200;
    public const byte ReceiverReport = 201;
    public const byte SourceDescription = 202;
    public const byte Goodbye = 203;
    public const byte Application = 204;
    /// <summary>Transport-layer feedback (RFC 4585 §6.2).</summary>
    public const byte TransportFeedback = 205;
    /// <summary>Payload-specific feedback (RFC 4585 §6.3).</summary>
    public const byte PayloadFeedback = 206;

    /// <summary>RTPFB FMT values.</summary>
    public const int FormatGenericNack = 1;
    public const int FormatTransportWideCc = 15;

    /// <summary>PSFB FMT values.</summary>
    public const int FormatPictureLoss = 1;
    public const int FormatFullIntraRequest = 4;
    public const int FormatApplicationLayer = 15;
}
