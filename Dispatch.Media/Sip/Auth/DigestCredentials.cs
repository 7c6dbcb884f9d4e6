using System.Diagnostics.CodeAnalysis;
using Dispatch.Media.Sip.Auth.Internal;

namespace Dispatch.Media.Sip.Auth;

/// <summary>An Authorization / Proxy-Authorization value in the Digest scheme (RFC 3261 §22.4, RFC 7616 §3.4).</summary>
public sealed record DigestCredentials(
    string Username,
    string Realm,
    string Nonce,
    string Uri,
    string Response,
    DigestAlgorithm Algorithm,
    string? Qop,
    string? Cnonce,
    string? NonceCount,
    string? Opaque)
{
    public static bool TryParse(string headerValue, [NotNullWhen(true)] out DigestCredentials? credentials)
    {
        credentials = null;
        if (!DigestParameters.TryStart(headerValue, out var parameters))
        {
            return false;
        }
        // Read in one pass over the text, keeping only the values used (a later duplicate wins, as in a dictionary).
        string? username = null, realm = null, nonce = null, uri = null, response = null, algorithmName = null;
        string? qop = null, cnonce = null, nc = null, opaque = null;
        while (parameters.TryNext(out var name, out var value, out var quoted))
        {
            switch (Known(name))
            {
                case "username": username = DigestParameters.Text(value, quoted); break;
                case "realm": realm = DigestParameters.Text(value, quoted); break;
                case "nonce": nonce = DigestParameters.Text(value, quoted); break;
                case "uri": uri = DigestParameters.Text(value, quoted); break;
                case "response": response = DigestParameters.Text(value, quoted); break;
                case "algorithm": algorithmName = Token(value, quoted, "MD5", "SHA-256"); break;
                case "qop": qop = Token(value, quoted, "auth", "auth-int"); break;
                case "cnonce": cnonce = DigestParameters.Text(value, quoted); break;
                case "nc": nc = DigestParameters.Text(value, quoted); break;
                case "opaque": opaque = DigestParameters.Text(value, quoted); break;
            }
        }
        if (parameters.IsMalformed || username is null || realm is null || nonce is null || uri is null || response is null
            || !DigestAlgorithmNames.TryParse(algorithmName, out var algorithm))
        {
            return false;
        }
        // RFC 7616 §3.4: with qop, cnonce and an 8-hex-digit nc are required.
        if (qop is not null && (cnonce is null || nc is not { Length: 8 } || !nc.All(char.IsAsciiHexDigit)))
        {
            return false;
        }
        credentials = new DigestCredentials(username, realm, nonce, uri, response, algorithm, qop, cnonce, nc, opaque);
        return true;
    }

    private static readonly string[] Names = ["username", "realm", "nonce", "uri", "response", "algorithm", "qop", "cnonce", "nc", "opaque"];

    /// <summary>The parameter name this reader keeps (names compare case-insensitively, RFC 7616 §3.4), or null.</summary>
    private static string? Known(ReadOnlySpan<char> name)
    {
        foreach (var known in Names)
        {
            if (name.Equals(known, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }
        return null;
    }

    /// <summary>A value that is usually one of two tokens, without a new string when it is (exact case kept otherwise).</summary>
    private static string Token(ReadOnlySpan<char> value, bool quoted, string usual, string other)
    {
        var inner = quoted ? value[1..^1] : value;
        return inner.SequenceEqual(usual) ? usual : inner.SequenceEqual(other) ? other : DigestParameters.Text(value, quoted);
    }

    internal static DigestCredentials? ParseOrNull(string headerValue) => TryParse(headerValue, out var credentials) ? credentials : null;

    public override string ToString()
    {
        var value = $"Digest username=\"{Username}\", realm=\"{Realm}\", nonce=\"{Nonce}\", uri=\"{Uri}\", response=\"{Response}\", algorithm={Algorithm.ToToken()}";
        if (Qop is not null)
        {
            value += $", qop={Qop}, nc={NonceCount}, cnonce=\"{Cnonce}\"";
        }
        return Opaque is null ? value : value + $", opaque=\"{Opaque}\"";
    }
}
