using Dispatch.Media.Sdp.Attributes;

namespace Dispatch.Media.Sdp;

/// <summary>
/// Checks, at parse time, the attributes that negotiation relies on, so a malformed one is refused
/// with its line number instead of being silently ignored. Other attributes are kept as written.
/// </summary>
internal static class SdpAttributeValidation
{
    /// <summary>Null when the attribute is acceptable; otherwise why not.</summary>
    public static string? Check(SdpAttribute a) => a.Name switch
    {
        RtpMap.Name when !RtpMap.TryParse(a.Value, out _) =>
            "a=rtpmap must be '<payload type 0-127> <encoding>/<clock rate>[/<channels>]' (RFC 8866 §6.6)",
        Fmtp.Name when !Fmtp.TryParse(a.Value, out _) =>
            "a=fmtp must start with a payload type 0-127 (RFC 8866 §6.15)",
        RtcpFeedback.Name when !RtcpFeedback.TryParse(a.Value, out _) =>
            "a=rtcp-fb must be '<payload type|*> <type> [<parameter>]' (RFC 4585 §4.2)",
        ExtMap.Name when !ExtMap.TryParse(a.Value, out _) =>
            "a=extmap must be '<id 1-255>[/<direction>] <URI>' (RFC 8285 §8)",
        IceCandidate.Name when !IceCandidate.TryParse(a.Value, out _) =>
            "a=candidate does not follow the RFC 8839 §5.1 grammar",
        Fingerprint.Name when !Fingerprint.TryParse(a.Value, out _) =>
            "a=fingerprint must be '<hash function> <hex pairs separated by ':'>' (RFC 8122 §5)",
        SetupRoles.Name when SetupRoles.FromSdp(a.Value) is null =>
            "a=setup must be active, passive, actpass or holdconn (RFC 4145 §4)",
        Group.Name when !Group.TryParse(a.Value, out _) =>
            "a=group needs a semantics token (RFC 5888 §5)",
        SsrcAttribute.Name when !SsrcAttribute.TryParse(a.Value, out _) =>
            "a=ssrc must start with a 32-bit SSRC (RFC 5576 §4.1)",
        SsrcGroup.Name when !SsrcGroup.TryParse(a.Value, out _) =>
            "a=ssrc-group must be '<semantics> <ssrc> ...' (RFC 5576 §4.2)",
        "mid" when string.IsNullOrWhiteSpace(a.Value) =>
            "a=mid needs an identification tag (RFC 5888 §4)",
        _ => null,
    };
}
