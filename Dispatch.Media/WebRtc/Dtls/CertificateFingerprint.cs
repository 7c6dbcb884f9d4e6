using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Dispatch.Media.WebRtc.Dtls;

/// <summary>
/// A certificate fingerprint as carried by SDP's <c>a=fingerprint</c> attribute
/// (RFC 8122 §5: <c>hash-func SP fingerprint</c>, the fingerprint being upper-case hex pairs joined by colons).
/// </summary>
public sealed class CertificateFingerprint : IEquatable<CertificateFingerprint>
{
    private readonly byte[] _digest;

    private CertificateFingerprint(string hashFunction, byte[] digest)
    {
        HashFunction = hashFunction;
        _digest = digest;
    }

    /// <summary>The RFC 8122 §5 hash function token in lower case, e.g. <c>sha-256</c>.</summary>
    public string HashFunction { get; }

    public ReadOnlySpan<byte> Digest => _digest;

    /// <summary>SHA-256 over the DER encoding of a certificate (RFC 8122 §5: the hash covers the whole certificate).</summary>
    public static CertificateFingerprint Sha256Of(ReadOnlySpan<byte> certificateDer) =>
        new("sha-256", SHA256.HashData(certificateDer));

    /// <summary>Hashes a certificate with the same function as this fingerprint.</summary>
    public CertificateFingerprint ComputeFor(ReadOnlySpan<byte> certificateDer) =>
        new(HashFunction, Hash(HashFunction, certificateDer));

    /// <summary>
    /// Parses the value of an <c>a=fingerprint</c> attribute, e.g. <c>sha-256 AB:CD:...</c>.
    /// RFC 8122 §5 makes the hash function token case-insensitive; hex digits are accepted in either case.
    /// </summary>
    public static bool TryParse(string? sdpValue, out CertificateFingerprint? fingerprint)
    {
        fingerprint = null;
        if (string.IsNullOrWhiteSpace(sdpValue))
        {
            return false;
        }
        var parts = sdpValue.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2)
        {
            return false;
        }
        var function = parts[0].ToLowerInvariant();
        var length = DigestLength(function);
        if (length == 0)
        {
            return false;
        }
        var pairs = parts[1].Trim().Split(':');
        if (pairs.Length != length)
        {
            return false;
        }
        var digest = new byte[length];
        for (var i = 0; i < length; i++)
        {
            if (pairs[i].Length != 2
                || !byte.TryParse(pairs[i], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out digest[i]))
            {
                return false;
            }
        }
        fingerprint = new CertificateFingerprint(function, digest);
        return true;
    }

    public static CertificateFingerprint Parse(string sdpValue) =>
        TryParse(sdpValue, out var fingerprint)
            ? fingerprint!
            : throw new FormatException($"'{sdpValue}' is not an RFC 8122 fingerprint (expected e.g. 'sha-256 AB:CD:...').");

    /// <summary>The attribute value for SDP: <c>sha-256 AB:CD:...</c> (use as <c>a=fingerprint:</c> + this).</summary>
    public string ToSdpValue()
    {
        var text = new StringBuilder(HashFunction.Length + 1 + _digest.Length * 3);
        text.Append(HashFunction).Append(' ');
        for (var i = 0; i < _digest.Length; i++)
        {
            if (i > 0)
            {
                text.Append(':');
            }
            text.Append(_digest[i].ToString("X2", CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }

    public override string ToString() => ToSdpValue();

    public bool Equals(CertificateFingerprint? other) =>
        other is not null
        && HashFunction == other.HashFunction
        && CryptographicOperations.FixedTimeEquals(_digest, other._digest);

    public override bool Equals(object? obj) => Equals(obj as CertificateFingerprint);

    public override int GetHashCode() => HashCode.Combine(HashFunction, _digest.Length, _digest[0], _digest[^1]);

    private static int DigestLength(string function) => function switch
    {
        "sha-1" => 20,
        "sha-256" => 32,
        "sha-384" => 48,
        "sha-512" => 64,
        _ => 0,
    };

    private static byte[] Hash(string function, ReadOnlySpan<byte> data) => function switch
    {
        "sha-1" => SHA1.HashData(data),
        "sha-256" => SHA256.HashData(data),
        "sha-384" => SHA384.HashData(data),
        "sha-512" => SHA512.HashData(data),
        _ => throw new NotSupportedException($"Hash function '{function}' is not supported."),
    };
}
