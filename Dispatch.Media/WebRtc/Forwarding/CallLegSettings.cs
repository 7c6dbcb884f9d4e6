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

    /// <summary>How often the leg sends receiver reports about what its peer sends (RFC 3550 §6.2; browsers like 1 s).</summary>
    public TimeSpan ReportInterval { get; init; } = TimeSpan.FromSeconds(1);
}
