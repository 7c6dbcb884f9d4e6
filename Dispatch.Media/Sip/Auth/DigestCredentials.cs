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
        var p = DigestParameterReader.Read(headerValue);
        if (p is null
            || !p.TryGetValue("username", out var username) || !p.TryGetValue("realm", out var realm)
            || !p.TryGetValue("nonce", out var nonce) || !p.TryGetValue("uri", out var uri)
            || !p.TryGetValue("response", out var response)
            || !DigestAlgorithmNames.TryParse(p.GetValueOrDefault("algorithm"), out var algorithm))
        {
            return false;
        }
        var qop = p.GetValueOrDefault("qop");
        var cnonce = p.GetValueOrDefault("cnonce");
        var nc = p.GetValueOrDefault("nc");
        // RFC 7616 §3.4: with qop, cnonce and an 8-hex-digit nc are required.
        if (qop is not null && (cnonce is null || nc is not { Length: 8 } || !nc.All(char.IsAsciiHexDigit)))
        {
            return false;
        }
        credentials = new DigestCredentials(username, realm, nonce, uri, response, algorithm, qop, cnonce, nc, p.GetValueOrDefault("opaque"));
        return true;
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
