namespace Dispatch.Media.WebRtc.Rtp;

/// <summary>Why bytes are not an RTP packet (RFC 3550 §5.1, RFC 8285 §4).</summary>
public enum RtpParseError
{
    None,
    TooShort,
    BadVersion,
    CsrcListTruncated,
    ExtensionTruncated,
    BadPadding,
}
