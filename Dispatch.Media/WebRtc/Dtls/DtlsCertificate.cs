using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace Dispatch.Media.WebRtc.Dtls;

/// <summary>
/// The local DTLS identity: a self-signed ECDSA P-256 certificate and its private key.
/// RFC 8827 §6.5: WebRTC endpoints use self-signed certificates authenticated by the SDP fingerprint,
/// not by a CA. One certificate may serve every connection of a process.
/// </summary>
public sealed class DtlsCertificate
{
    private static readonly TimeSpan BackdateBy = TimeSpan.FromDays(1);

    private DtlsCertificate(X509Certificate certificate, AsymmetricKeyParameter privateKey)
    {
        Certificate = certificate;
        PrivateKey = privateKey;
        Der = certificate.GetEncoded();
        Fingerprint = CertificateFingerprint.Sha256Of(Der);
    }

    /// <summary>The SHA-256 fingerprint to put in SDP as <c>a=fingerprint:</c> + <c>Fingerprint.ToSdpValue()</c>.</summary>
    public CertificateFingerprint Fingerprint { get; }

    /// <summary>The certificate's DER encoding.</summary>
    public byte[] Der { get; }

    internal X509Certificate Certificate { get; }

    internal AsymmetricKeyParameter PrivateKey { get; }

    /// <summary>
    /// Generates a fresh ECDSA P-256 key and a self-signed certificate for it, valid from a day before
    /// <paramref name="time"/>'s now (tolerates peers with a slow clock) for <paramref name="lifetime"/>
    /// (30 days when omitted).
    /// </summary>
    public static DtlsCertificate Generate(TimeProvider? time = null, TimeSpan? lifetime = null, string commonName = "Dispatch")
    {
        var now = (time ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        var random = new SecureRandom();

        var keyGenerator = new ECKeyPairGenerator();
        keyGenerator.Init(new ECKeyGenerationParameters(SecObjectIdentifiers.SecP256r1, random));
        var keys = keyGenerator.GenerateKeyPair();

        var subject = new X509Name("CN=" + commonName);
        var generator = new X509V3CertificateGenerator();
        // RFC 5280 §4.1.2.2: a positive serial number of at most 20 octets.
        generator.SetSerialNumber(new BigInteger(64, random).Add(BigInteger.One));
        generator.SetIssuerDN(subject);
        generator.SetSubjectDN(subject);
        generator.SetNotBefore(now - BackdateBy);
        generator.SetNotAfter(now + (lifetime ?? TimeSpan.FromDays(30)));
        generator.SetPublicKey(keys.Public);

        var certificate = generator.Generate(new Asn1SignatureFactory("SHA256WITHECDSA", keys.Private, random));
        return new DtlsCertificate(certificate, keys.Private);
    }
}
