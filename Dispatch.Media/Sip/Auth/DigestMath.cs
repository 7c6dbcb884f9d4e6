using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Dispatch.Media.Sip.Auth;

/// <summary>RFC 7616 §3.4.1-3.4.3 with qop=auth, as used by SIP (RFC 3261 §22.4, RFC 8760).</summary>
public static class DigestMath
{
    /// <summary>The longest lower-case hex digest (SHA-256).</summary>
    private const int HexBytes = 64;

    /// <summary>Inputs up to this size are joined on the stack; longer ones (a long URI) in a rented array.</summary>
    private const int StackInput = 1024;

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

    /// <summary>
    /// Whether <paramref name="response"/> (hex, any case) is the qop=auth response for these values, compared in
    /// constant time. The same computation as <see cref="Ha2"/> then <see cref="Response"/> and <see cref="Equal"/>, done
    /// in stack buffers: a server checks one per authorized REGISTER, and the string forms cost eight allocations.
    /// </summary>
    public static bool ResponseMatches(DigestAlgorithm algorithm, string ha1, string nonce, string nc, string cnonce, string qop,
        string method, string uri, string response)
    {
        Span<byte> ha2 = stackalloc byte[HexBytes];
        ha2 = ha2[..HexDigest(algorithm, [method, uri], default, ha2)];
        Span<byte> expected = stackalloc byte[HexBytes];
        expected = expected[..HexDigest(algorithm, [ha1, nonce, nc, cnonce, qop], ha2, expected)];
        if (response.Length != expected.Length)
        {
            return false;
        }
        Span<byte> given = stackalloc byte[HexBytes];
        for (var i = 0; i < response.Length; i++)
        {
            // A non-ASCII character can match no hex digit (as with the ASCII encoding Equal uses).
            given[i] = response[i] < 0x80 ? (byte)char.ToLowerInvariant(response[i]) : (byte)0;
        }
        return CryptographicOperations.FixedTimeEquals(expected, given[..expected.Length]);
    }

    /// <summary>Writes lower-case hex of H(parts joined by ':', then ':' and <paramref name="last"/> if given) as ASCII; returns its length.</summary>
    private static int HexDigest(DigestAlgorithm algorithm, ReadOnlySpan<string> parts, ReadOnlySpan<byte> last, Span<byte> hex)
    {
        var length = parts.Length - 1 + (last.IsEmpty ? 0 : last.Length + 1);
        foreach (var part in parts)
        {
            length += Encoding.UTF8.GetByteCount(part);
        }
        byte[]? rented = null;
        var input = length <= StackInput ? stackalloc byte[StackInput] : (rented = ArrayPool<byte>.Shared.Rent(length));
        var at = 0;
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0)
            {
                input[at++] = (byte)':';
            }
            at += Encoding.UTF8.GetBytes(parts[i], input[at..]);
        }
        if (!last.IsEmpty)
        {
            input[at++] = (byte)':';
            last.CopyTo(input[at..]);
            at += last.Length;
        }
        Span<byte> digest = stackalloc byte[32];
        var size = algorithm == DigestAlgorithm.Sha256 ? SHA256.HashData(input[..at], digest) : MD5.HashData(input[..at], digest);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
        for (var i = 0; i < size; i++)
        {
            hex[2 * i] = (byte)"0123456789abcdef"[digest[i] >> 4];
            hex[(2 * i) + 1] = (byte)"0123456789abcdef"[digest[i] & 0xF];
        }
        return 2 * size;
    }

    /// <summary>Compares two hex digests in constant time.</summary>
    public static bool Equal(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a.ToLowerInvariant()), Encoding.ASCII.GetBytes(b.ToLowerInvariant()));
}
