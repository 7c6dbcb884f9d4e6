namespace Dispatch.Media.Sdp.Negotiation;

/// <summary>
/// What the local side can do, in preference order: codecs, RTP header extensions by URI (RFC 8285),
/// and whether video codecs may be paired with rtx retransmission streams (RFC 4588).
/// </summary>
public sealed record MediaCapabilities(
    IReadOnlyList<CodecCapability> Codecs,
    IReadOnlyList<string> AudioExtensions,
    IReadOnlyList<string> VideoExtensions,
    bool Retransmission)
{
    public const string AudioLevelUri = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";
    public const string MidUri = "urn:ietf:params:rtp-hdrext:sdes:mid";
    public const string AbsSendTimeUri = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";
    public const string TransportCcUri = "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";
    public const string TimeOffsetUri = "urn:ietf:params:rtp-hdrext:toffset";
    public const string VideoOrientationUri = "urn:3gpp:video-orientation";
    public const string RtpStreamIdUri = "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id";
    public const string RepairedRtpStreamIdUri = "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id";

    /// <summary>What a browser-facing media node forwards: Opus and G.711 audio, VP8 and H.264 video.</summary>
    public static MediaCapabilities WebRtc { get; } = new(
        [
            CodecCapability.Opus, CodecCapability.Pcmu, CodecCapability.Pcma,
            CodecCapability.TelephoneEvent48000, CodecCapability.TelephoneEvent8000,
            CodecCapability.Vp8, CodecCapability.H264ConstrainedBaseline,
        ],
        [AudioLevelUri, MidUri, AbsSendTimeUri, TransportCcUri],
        [MidUri, AbsSendTimeUri, TransportCcUri, TimeOffsetUri, VideoOrientationUri],
        Retransmission: true);

    /// <summary>
    /// What a SIP phone leg accepts: G.711 with DTMF events, H.264 passed through (Constrained Baseline,
    /// or Baseline as phones often label it).
    /// </summary>
    public static MediaCapabilities Sip { get; } = new(
        [
            CodecCapability.Pcmu, CodecCapability.Pcma, CodecCapability.TelephoneEvent8000,
            CodecCapability.H264ConstrainedBaseline, CodecCapability.H264Baseline,
        ],
        [],
        [],
        Retransmission: false);

    public IReadOnlyList<string> ExtensionsFor(string kind) => kind switch
    {
        "audio" => AudioExtensions,
        "video" => VideoExtensions,
        _ => [],
    };

    /// <summary>A copy without the given kind's codecs, e.g. to answer a SIP phone with audio only.</summary>
    public MediaCapabilities Without(string kind) => this with { Codecs = [.. Codecs.Where(c => c.Kind != kind)] };
}
