namespace Dispatch.Media.WebRtc.Dtls;

/// <summary>Something a <see cref="DtlsEndpoint"/> reports; drained with <see cref="DtlsEndpoint.TryPollEvent"/>.</summary>
public abstract record DtlsEvent;

/// <summary>
/// The handshake finished, the peer's certificate matched the SDP fingerprint, and SRTP keys were exported.
/// </summary>
public sealed record DtlsHandshakeCompleted(
    SrtpKeyingMaterial Keys,
    CertificateFingerprint PeerFingerprint,
    TimeSpan Elapsed) : DtlsEvent;

/// <summary>The handshake or connection failed; <paramref name="Reason"/> says why, for logs and for the user.</summary>
public sealed record DtlsFailed(string Reason) : DtlsEvent;

/// <summary>Application data after the handshake (not used by DTLS-SRTP media, which travels as SRTP).</summary>
public sealed record DtlsApplicationDataReceived(byte[] Data) : DtlsEvent;

/// <summary>The connection closed: by a close_notify from the peer (RFC 5246 §7.2.1), or locally.</summary>
public sealed record DtlsClosed(bool ByPeer) : DtlsEvent;
