namespace Dispatch.Media.WebRtc.Stun;

/// <summary>Why a datagram is not a well-formed STUN message (RFC 8489 §6.3).</summary>
public enum StunParseError
{
    None,
    TooShort,
    LeadingBitsNotZero,
    BadMagicCookie,
    LengthNotMultipleOfFour,
    LengthMismatch,
    AttributeTruncated,
    FingerprintNotLast,
}
