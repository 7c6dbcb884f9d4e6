using System.Diagnostics.CodeAnalysis;
using Dispatch.Media.Sip.Auth.Internal;

namespace Dispatch.Media.Sip.Auth;

/// <summary>A WWW-Authenticate / Proxy-Authenticate value in the Digest scheme (RFC 7616 §3.3).</summary>
public sealed record DigestChallenge(string Realm, string Nonce, DigestAlgorithm Algorithm, string? Qop = "auth", string? Opaque = null, bool Stale = false)
{
    public static bool TryParse(string headerValue, [NotNullWhen(true)] out DigestChallenge? challenge)
    {
        challenge = null;
        var p = DigestParameterReader.Read(headerValue);
        if (p is null || !p.TryGetValue("realm", out var realm) || !p.TryGetValue("nonce", out var nonce)
            || !DigestAlgorithmNames.TryParse(p.GetValueOrDefault("algorithm"), out var algorithm))
        {
            return false;
        }
        challenge = new DigestChallenge(realm, nonce, algorithm, p.GetValueOrDefault("qop"), p.GetValueOrDefault("opaque"),
            string.Equals(p.GetValueOrDefault("stale"), "true", StringComparison.OrdinalIgnoreCase));
        return true;
    }

    public override string ToString()
    {
        var value = $"Digest realm=\"{Realm}\", nonce=\"{Nonce}\", algorithm={Algorithm.ToToken()}";
        if (Qop is not null)
        {
            value += $", qop=\"{Qop}\"";
        }
        if (Opaque is not null)
        {
            value += $", opaque=\"{Opaque}\"";
        }
        return Stale ? value + ", stale=TRUE" : value;
    }
}
