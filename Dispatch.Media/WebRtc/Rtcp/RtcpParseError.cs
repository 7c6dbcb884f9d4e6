namespace Dispatch.Media.WebRtc.Rtcp;

/// <summary>Why a compound RTCP packet was rejected.</summary>
public enum RtcpParseError
{
    None,
    Empty,
    TooShort,
    BadVersion,
    /// <summary>The length field points past the end of the datagram.</summary>
    Truncated,
    /// <summary>The padding count is zero or larger than the packet (RFC 3550 §6.4.1).</summary>
    BadPadding,
    /// <summary>The length is too small for what the count and type announce.</summary>
    BodyTooShort,
    /// <summary>An SDES item or chunk runs past its packet (RFC 3550 §6.5).</summary>
    BadSourceDescription,
    BadFeedback,
}
