using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;
using Org.BouncyCastle.Security;

namespace Dispatch.Media.WebRtc.Dtls.Internal;

/// <summary>
/// What the BouncyCastle client and server peers share: the local identity, the fingerprint the remote SDP
/// promised, the profiles we accept, and the outcome (keys, or the reason the handshake failed).
/// </summary>
internal sealed class DtlsSrtpHandshake(DtlsCertificate local, CertificateFingerprint expectedPeer, DtlsEndpointOptions options)
{
    public BcTlsCrypto Crypto { get; } = new(new SecureRandom());

    public DtlsEndpointOptions Options => options;

    public DtlsSrtpProfile? SelectedProfile { get; set; }

    public SrtpKeyingMaterial? Keys { get; private set; }

    public CertificateFingerprint? PeerFingerprint { get; private set; }

    /// <summary>Our own explanation of a failure, preferred over BouncyCastle's alert text.</summary>
    public string? FailureReason { get; set; }

    /// <summary>Certificate types from the server's CertificateRequest, as seen by a client (RFC 5246 §7.4.4).</summary>
    public short[]? RequestedCertificateTypes { get; set; }

    public int[] OfferedProfileIds => options.SrtpProfiles.Select(p => (int)p).ToArray();

    public int HandshakeTimeoutMillis => checked((int)options.HandshakeTimeout.TotalMilliseconds);

    public int InitialRetransmitMillis => checked((int)options.InitialRetransmitTimeout.TotalMilliseconds);

    public Certificate LocalCertificateChain() =>
        new([Crypto.CreateCertificate(local.Der)]);

    /// <summary>RFC 8422 §5.4 / RFC 5246 §7.4.1.4.1: sign with ECDSA over SHA-256, the P-256 pairing.</summary>
    public TlsCredentialedSigner SignerFor(TlsContext context) =>
        new BcDefaultTlsCredentialedSigner(
            new TlsCryptoParameters(context),
            Crypto,
            local.PrivateKey,
            LocalCertificateChain(),
            new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));

    /// <summary>
    /// RFC 5763 §5 and RFC 8122 §5: the end-entity certificate the peer presented must hash to the SDP
    /// fingerprint; a self-signed certificate is authenticated by nothing else.
    /// </summary>
    public void VerifyPeerCertificate(Certificate? presented)
    {
        if (presented is null || presented.IsEmpty)
        {
            FailureReason = "Peer sent no certificate; DTLS-SRTP requires one to match the SDP fingerprint (RFC 5763 §5).";
            throw new TlsFatalAlert(AlertDescription.handshake_failure, FailureReason);
        }
        var actual = expectedPeer.ComputeFor(presented.GetCertificateAt(0).GetEncoded());
        if (!actual.Equals(expectedPeer))
        {
            FailureReason = $"Peer certificate fingerprint {actual.ToSdpValue()} does not match the SDP fingerprint {expectedPeer.ToSdpValue()}.";
            throw new TlsFatalAlert(AlertDescription.bad_certificate, FailureReason);
        }
        PeerFingerprint = actual;
    }

    /// <summary>
    /// RFC 5764 §4.2: export 2 * (key + salt) bytes with label "EXTRACTOR-dtls_srtp" and no context.
    /// BouncyCastle allows the export only while NotifyHandshakeComplete runs.
    /// </summary>
    public void ExportKeys(TlsContext context)
    {
        if (SelectedProfile is not { } profile)
        {
            FailureReason = "Handshake completed without a negotiated SRTP protection profile (use_srtp, RFC 5764 §4.1).";
            throw new TlsFatalAlert(AlertDescription.handshake_failure, FailureReason);
        }
        var exported = context.ExportKeyingMaterial(SrtpKeyingMaterial.ExporterLabel, null, SrtpKeyingMaterial.ExportLength(profile));
        Keys = SrtpKeyingMaterial.Split(profile, exported);
    }

    public void NoteAlertReceived(short level, short description)
    {
        if (level == AlertLevel.fatal && FailureReason is null)
        {
            FailureReason = $"Peer sent fatal alert {AlertDescription.GetText(description)}.";
        }
    }

    public void NoteAlertRaised(short level, short description, string? message)
    {
        if (level == AlertLevel.fatal && FailureReason is null)
        {
            FailureReason = $"Sent fatal alert {AlertDescription.GetText(description)}" + (message is null ? "." : $": {message}");
        }
    }
}
