using System.Security.Cryptography;
using System.Text;

namespace Dispatch.Media.Sip.Auth;

/// <summary>RFC 7616 §3.4.1-3.4.3 with qop=auth, as used by SIP (RFC 3261 §22.4, RFC 8760).</summary>
public static class DigestMath
{
    /// <summary>HA1 = H(username ":" realm ":" password) (RFC 7616 §3.4.2).</summary>
    public static string Ha1(DigestAlgorithm algorithm, string username, string realm, string password) =>
        Hash(algorithm, $"{username}:{realm}:{password}");

    /// <summary>HA2 = H(method ":" request-uri) for qop=auth (RFC 7616 §3.4.3).</summary>
    public static string Ha2(DigestAlgorithm algorithm, string method, string uri) => Hash(algorithm, $"{method}:{uri}");

    /// <summary>response = H(HA1 ":" nonce ":" nc ":" cnonce ":" qop ":" HA2) (RFC 7616 §3.4.1).</summary>
    public static string Response(DigestAlgorithm algorithm, string ha1, string nonce, string nc, string cnonce, string qop, string ha2) =>
        Hash(algorithm, $"{ha1}:{nonce}:{nc}:{cnonce}:{qop}:{ha2}");

    /// <summary>RFC 2617 compatible form without qop: H(HA1 ":" nonce ":" HA2).</summary>
    public static string ResponseWithoutQop(DigestAlgorithm algorithm, string ha1, string nonce, string ha2) =>
        Hash(algorithm, $"{ha1}:{nonce}:{ha2}");

    public static string Hash(DigestAlgorithm algorithm, string input)
    {
        var bytes = Encoding.UTF8.GetBytes(input);
        var digest = algorithm == DigestAlgorithm.Sha256 ? SHA256.HashData(bytes) : MD5.HashData(bytes);
        return Convert.ToHexStringLower(digest);
    }

    /// <summary>Compares two hex digests in constant time.</summary>
    public static bool Equal(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a.ToLowerInvariant()), Encoding.ASCII.GetBytes(b.ToLowerInvariant()));
}
