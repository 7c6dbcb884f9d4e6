namespace Dispatch.Media.Sdp.Negotiation;

/// <summary>
/// A codec we can receive and forward: its rtpmap identity, the fmtp parameters we put in an answer or offer,
/// the payload type we use when we are the offerer, and the RTCP feedback we can act on (RFC 4585 §4.2).
/// </summary>
public sealed record CodecCapability(
    string Kind,
    string Name,
    int ClockRate,
    int? Channels,
    string Parameters,
    int PreferredPayloadType,
    IReadOnlyList<string> Feedback)
{
    public static readonly IReadOnlyList<string> VideoFeedback = ["nack", "nack pli", "ccm fir", "goog-remb", "transport-cc"];

    /// <summary>RFC 7587 §7: opus is always signalled as 48000/2; in-band FEC on (§6.1 useinbandfec).</summary>
    public static CodecCapability Opus { get; } = new("audio", "opus", 48000, 2, "minptime=10;useinbandfec=1", 111, ["transport-cc"]);

    /// <summary>RFC 3551 §6 static payload types.</summary>
    public static CodecCapability Pcmu { get; } = new("audio", "PCMU", 8000, null, "", 0, []);

    public static CodecCapability Pcma { get; } = new("audio", "PCMA", 8000, null, "", 8, []);

    /// <summary>RFC 4733 §7.1.1: DTMF events 0-15 (plus 16, flash, for SIP phones).</summary>
    public static CodecCapability TelephoneEvent8000 { get; } = new("audio", "telephone-event", 8000, null, "0-16", 101, []);

    /// <summary>Telephone events at Opus's clock (RFC 4733 §2.1: events share the audio codec's clock).</summary>
    public static CodecCapability TelephoneEvent48000 { get; } = new("audio", "telephone-event", 48000, null, "0-16", 110, []);

    public static CodecCapability Vp8 { get; } = new("video", "VP8", 90000, null, "", 96, VideoFeedback);

    /// <summary>H.264 Constrained Baseline level 3.1, non-interleaved mode (RFC 6184 §6.3), asymmetric levels allowed (§8.1).</summary>
    public static CodecCapability H264ConstrainedBaseline { get; } = new(
        "video", "H264", 90000, null, "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f", 102, VideoFeedback);

    /// <summary>
    /// H.264 Baseline (with constraint_set0) level 3.1, mode 1: what many SIP phones offer. A Baseline decoder
    /// decodes Constrained Baseline, so browser video forwarded to the phone is fine.
    /// </summary>
    public static CodecCapability H264Baseline { get; } = new(
        "video", "H264", 90000, null, "packetization-mode=1;profile-level-id=42801f", 103, ["nack", "nack pli", "ccm fir"]);

    public bool IsTelephoneEvent => string.Equals(Name, "telephone-event", StringComparison.OrdinalIgnoreCase);

    public bool IsH264 => string.Equals(Name, "H264", StringComparison.OrdinalIgnoreCase);
}
