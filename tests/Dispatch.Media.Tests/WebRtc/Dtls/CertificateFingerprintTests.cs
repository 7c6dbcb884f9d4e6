using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Dispatch.Media.WebRtc.Dtls;

namespace Dispatch.Media.Tests.WebRtc.Dtls;

public sealed class CertificateFingerprintTests
{
    [Fact]
    public void Generated_certificate_is_self_signed_ecdsa_p256()
    {
        using var certificate = X509CertificateLoader.LoadCertificate(DtlsPair.ServerCertificate.Der);
        using var key = certificate.GetECDsaPublicKey();

        Assert.NotNull(key);
        Assert.Equal(256, key.KeySize);
        Assert.Equal(ECCurve.NamedCurves.nistP256.Oid.Value, key.ExportParameters(false).Curve.Oid.Value);
        Assert.Equal(certificate.Subject, certificate.Issuer);
        Assert.Equal("1.2.840.10045.4.3.2", certificate.SignatureAlgorithm.Value); // ecdsa-with-SHA256
        Assert.True(certificate.NotBefore.ToUniversalTime() < DateTime.UtcNow);
        Assert.True(certificate.NotAfter.ToUniversalTime() > DateTime.UtcNow.AddDays(7));
    }

    [Fact]
    public void Fingerprint_is_sha256_of_the_der_in_rfc8122_form()
    {
        var certificate = DtlsPair.ServerCertificate;
        var sdp = certificate.Fingerprint.ToSdpValue();

        Assert.Matches(new Regex("^sha-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}$"), sdp);
        Assert.Equal(Convert.ToHexString(SHA256.HashData(certificate.Der)), sdp["sha-256 ".Length..].Replace(":", ""));
    }

    [Fact]
    public void Fingerprint_parses_back_from_sdp_with_any_case()
    {
        var original = DtlsPair.ServerCertificate.Fingerprint;

        var parsed = CertificateFingerprint.Parse(original.ToSdpValue().ToLowerInvariant().Replace("sha-256", "SHA-256"));

        Assert.Equal(original, parsed);
        Assert.Equal("sha-256", parsed.HashFunction);
    }

    [Theory]
    [InlineData("")]
    [InlineData("sha-256")]
    [InlineData("md5 AB:CD")]
    [InlineData("sha-256 AB:CD")]
    [InlineData("sha-256 ZZ:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00")]
    [InlineData("sha-256 ABC:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00")]
    public void Malformed_fingerprints_are_refused(string value)
    {
        Assert.False(CertificateFingerprint.TryParse(value, out _));
        Assert.Throws<FormatException>(() => CertificateFingerprint.Parse(value));
    }

    [Fact]
    public void Two_generated_certificates_have_different_fingerprints()
    {
        Assert.NotEqual(DtlsCertificate.Generate().Fingerprint, DtlsCertificate.Generate().Fingerprint);
    }
}
