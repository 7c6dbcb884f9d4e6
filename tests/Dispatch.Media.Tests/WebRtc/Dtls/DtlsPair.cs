using Dispatch.Media.WebRtc.Dtls;

namespace Dispatch.Media.Tests.WebRtc.Dtls;

/// <summary>A server and a client that know each other's fingerprints, as after an SDP exchange.</summary>
internal static class DtlsPair
{
    private static readonly Lazy<DtlsCertificate> ServerIdentity = new(() => DtlsCertificate.Generate());
    private static readonly Lazy<DtlsCertificate> ClientIdentity = new(() => DtlsCertificate.Generate());

    public static DtlsCertificate ServerCertificate => ServerIdentity.Value;

    public static DtlsCertificate ClientCertificate => ClientIdentity.Value;

    /// <summary>Short timers so that tests with loss finish in seconds.</summary>
    public static DtlsEndpointOptions Fast { get; } = new()
    {
        InitialRetransmitTimeout = TimeSpan.FromMilliseconds(100),
        HandshakeTimeout = TimeSpan.FromSeconds(30),
    };

    public static (DtlsEndpoint Server, DtlsEndpoint Client) Create(
        DtlsEndpointOptions? serverOptions = null,
        DtlsEndpointOptions? clientOptions = null,
        CertificateFingerprint? serverExpects = null,
        CertificateFingerprint? clientExpects = null)
    {
        var server = DtlsEndpoint.CreateServer(ServerCertificate, serverExpects ?? ClientCertificate.Fingerprint, serverOptions ?? Fast);
        var client = DtlsEndpoint.CreateClient(ClientCertificate, clientExpects ?? ServerCertificate.Fingerprint, clientOptions ?? Fast);
        return (server, client);
    }
}
