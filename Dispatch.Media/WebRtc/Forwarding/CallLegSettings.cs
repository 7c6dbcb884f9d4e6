using Dispatch.Media.Sdp.Attributes;
using Dispatch.Media.WebRtc.Dtls;

namespace Dispatch.Media.WebRtc.Forwarding;

/// <summary>What the media host gives every call leg: its DTLS identity and the candidate browsers should reach.</summary>
public sealed record CallLegSettings
{
    public required DtlsCertificate Certificate { get; init; }

    /// <summary>Host candidates of the shared UDP port (RFC 8445 §2.5: an ICE-lite agent has only host candidates).</summary>
    public required IReadOnlyList<IceCandidate> Candidates { get; init; }

    public DtlsEndpointOptions? Dtls { get; init; }

    /// <summary>
    /// List H.264 before VP8 in the answer, so the browser sends H.264 (it sends the first codec of the answer it
    /// supports, RFC 8829 §5.3.1): for a call that may reach a SIP phone, which gets the video passed through.
    /// </summary>
    public bool PreferH264 { get; init; }

    /// <summary>How often the leg sends receiver reports about what its peer sends (RFC 3550 §6.2; browsers like 1 s).</summary>
    public TimeSpan ReportInterval { get; init; } = TimeSpan.FromSeconds(1);
}
