using Org.BouncyCastle.Tls;

namespace Dispatch.Media.WebRtc.Dtls.Internal;

/// <summary>The BouncyCastle client peer: offers use_srtp, answers the CertificateRequest with our ECDSA identity.</summary>
internal sealed class SrtpDtlsClient(DtlsSrtpHandshake handshake) : DefaultTlsClient(handshake.Crypto)
{
    public override int GetHandshakeTimeoutMillis() => handshake.HandshakeTimeoutMillis;

    public override int GetHandshakeResendTimeMillis() => handshake.InitialRetransmitMillis;

    /// <summary>RFC 6347 §4.1.2.7: invalid records are silently discarded, not fatal.</summary>
    public override bool IgnoreCorruptDtlsRecords => true;

    protected override ProtocolVersion[] GetSupportedVersions() => DtlsSuites.Versions;

    protected override int[] GetSupportedCipherSuites() => DtlsSuites.CipherSuites;

    public override IDictionary<int, byte[]> GetClientExtensions()
    {
        var extensions = base.GetClientExtensions() ?? new Dictionary<int, byte[]>();
        // RFC 5764 §4.1.1: our profiles in preference order, no MKI.
        TlsSrtpUtilities.AddUseSrtpExtension(extensions, new UseSrtpData(handshake.OfferedProfileIds, TlsUtilities.EmptyBytes));
        return extensions;
    }

    public override void ProcessServerExtensions(IDictionary<int, byte[]> serverExtensions)
    {
        base.ProcessServerExtensions(serverExtensions);
        var chosen = TlsSrtpUtilities.GetUseSrtpExtension(serverExtensions);
        // RFC 5764 §4.1.1: the server's answer holds exactly one of the profiles the client offered.
        if (chosen is null || chosen.ProtectionProfiles.Length != 1
            || !handshake.OfferedProfileIds.Contains(chosen.ProtectionProfiles[0]))
        {
            handshake.FailureReason = chosen is null
                ? "Server did not accept use_srtp (RFC 5764 §4.1)."
                : "Server chose an SRTP protection profile the client did not offer (RFC 5764 §4.1.1).";
            throw new TlsFatalAlert(AlertDescription.illegal_parameter, handshake.FailureReason);
        }
        handshake.SelectedProfile = (DtlsSrtpProfile)chosen.ProtectionProfiles[0];
    }

    public override TlsAuthentication GetAuthentication() => new FingerprintAuthentication(handshake, m_context);

    public override void NotifyHandshakeComplete()
    {
        base.NotifyHandshakeComplete();
        handshake.ExportKeys(m_context);
    }

    public override void NotifyAlertReceived(short alertLevel, short alertDescription) =>
        handshake.NoteAlertReceived(alertLevel, alertDescription);

    public override void NotifyAlertRaised(short alertLevel, short alertDescription, string message, Exception cause) =>
        handshake.NoteAlertRaised(alertLevel, alertDescription, message);

    private sealed class FingerprintAuthentication(DtlsSrtpHandshake handshake, TlsContext context) : TlsAuthentication
    {
        public void NotifyServerCertificate(TlsServerCertificate serverCertificate) =>
            handshake.VerifyPeerCertificate(serverCertificate.Certificate);

        public TlsCredentials GetClientCredentials(CertificateRequest certificateRequest)
        {
            handshake.RequestedCertificateTypes = certificateRequest.CertificateTypes;
            return handshake.SignerFor(context);
        }
    }
}
