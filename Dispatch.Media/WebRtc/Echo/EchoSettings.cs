using Dispatch.Media.Sdp.Attributes;
using Dispatch.Media.WebRtc.Dtls;

namespace Dispatch.Media.WebRtc.Echo;

/// <summary>What the media host gives every echo session: its DTLS identity and the candidate browsers should reach.</summary>
public sealed record EchoSettings
{
    public required DtlsCertificate Certificate { get; init; }

    /// <summary>Host candidates of the shared UDP port (RFC 8445 §2.5: an ICE-lite agent has only host candidates).</summary>
    public required IReadOnlyList<IceCandidate> Candidates { get; init; }

    public DtlsEndpointOptions? Dtls { get; init; }

    /// <summary>How often to send receiver reports for the peer's streams (RFC 3550 §6.2 allows 5 s; browsers like 1 s).</summary>
    public TimeSpan ReportInterval { get; init; } = TimeSpan.FromSeconds(1);
}
