using Dispatch.Media.WebRtc.Dtls;
using Dispatch.Media.WebRtc.Ice;

namespace Dispatch.Media.WebRtc.Peer;

/// <summary>What one <see cref="WebRtcPeer"/> needs after the SDP exchange: both sides' ICE and DTLS identities.</summary>
public sealed record WebRtcPeerOptions
{
    public required IceCredentials LocalIce { get; init; }

    /// <summary>The peer's a=ice-ufrag; checks must name it as the second half of USERNAME (RFC 8445 §7.3).</summary>
    public string? RemoteUfrag { get; init; }

    public required DtlsCertificate Certificate { get; init; }

    /// <summary>The peer's a=fingerprint: its DTLS certificate must match (RFC 8122 §5).</summary>
    public required CertificateFingerprint RemoteFingerprint { get; init; }

    /// <summary>Server for a=setup:passive (the usual answer to a browser's actpass), client for a=setup:active.</summary>
    public DtlsRole DtlsRole { get; init; } = DtlsRole.Server;

    public DtlsEndpointOptions? Dtls { get; init; }
}
