using Org.BouncyCastle.Tls;

namespace Dispatch.Media.WebRtc.Dtls.Internal;

/// <summary>The BouncyCastle server peer: ECDSA identity, mandatory client certificate, use_srtp.</summary>
internal sealed class SrtpDtlsServer(DtlsSrtpHandshake handshake) : DefaultTlsServer(handshake.Crypto)
{
    public override int GetHandshakeTimeoutMillis() => handshake.HandshakeTimeoutMillis;

    public override int GetHandshakeResendTimeMillis() => handshake.InitialRetransmitMillis;

    /// <summary>RFC 6347 §4.1.2.7: invalid records are silently discarded, not fatal.</summary>
    public override bool IgnoreCorruptDtlsRecords => true;

    protected override ProtocolVersion[] GetSupportedVersions() => DtlsSuites.Versions;

    protected override int[] GetSupportedCipherSuites() => DtlsSuites.CipherSuites;

    protected override TlsCredentialedSigner GetECDsaSignerCredentials() => handshake.SignerFor(m_context);

    /// <summary>
    /// RFC 5763 §5: the server MUST request the client's certificate. The types list ecdsa_sign first
    /// (Chrome rejects a request without it), then rsa_sign for peers with RSA certificates.
    /// </summary>
    public override CertificateRequest GetCertificateRequest() =>
        new(
            [ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign],
            [
                new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa),
                new SignatureAndHashAlgorithm(HashAlgorithm.sha384, SignatureAlgorithm.ecdsa),
                new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.rsa),
                SignatureAndHashAlgorithm.rsa_pss_rsae_sha256,
            ],
            null);

    public override void NotifyClientCertificate(Certificate clientCertificate) =>
        handshake.VerifyPeerCertificate(clientCertificate);

    public override void ProcessClientExtensions(IDictionary<int, byte[]> clientExtensions)
    {
        base.ProcessClientExtensions(clientExtensions);
        var offered = TlsSrtpUtilities.GetUseSrtpExtension(clientExtensions);
        if (offered is null)
        {
            handshake.FailureReason = "Client offered no use_srtp extension; DTLS-SRTP needs it (RFC 5764 §4.1).";
            throw new TlsFatalAlert(AlertDescription.handshake_failure, handshake.FailureReason);
        }
        handshake.SelectedProfile = SrtpProfileNegotiation.Select(offered.ProtectionProfiles, handshake.Options.SrtpProfiles);
        if (handshake.SelectedProfile is null)
        {
            var names = string.Join(", ", offered.ProtectionProfiles.Select(p => ((DtlsSrtpProfile)p).WireName()));
            handshake.FailureReason = $"No SRTP protection profile in common; the client offered {names}.";
            throw new TlsFatalAlert(AlertDescription.handshake_failure, handshake.FailureReason);
        }
    }

    public override IDictionary<int, byte[]> GetServerExtensions()
    {
        var extensions = base.GetServerExtensions() ?? new Dictionary<int, byte[]>();
        // RFC 5764 §4.1.1: exactly one profile, and an empty MKI since we use none.
        TlsSrtpUtilities.AddUseSrtpExtension(extensions,
            new UseSrtpData([(int)handshake.SelectedProfile!.Value], TlsUtilities.EmptyBytes));
        return extensions;
    }

    public override void NotifyHandshakeComplete()
    {
        base.NotifyHandshakeComplete();
        handshake.ExportKeys(m_context);
    }

    public override void NotifyAlertReceived(short alertLevel, short alertDescription) =>
        handshake.NoteAlertReceived(alertLevel, alertDescription);

    public override void NotifyAlertRaised(short alertLevel, short alertDescription, string message, Exception cause) =>
        handshake.NoteAlertRaised(alertLevel, alertDescription, message);
}
