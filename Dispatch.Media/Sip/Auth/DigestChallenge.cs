using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
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

    public override string ToString() => Format(Realm, Nonce, Algorithm, Qop, Opaque, Stale);

    /// <summary>
    /// The header value, written on the stack and made into one string: a 401 carries one of these per algorithm,
    /// and building it from interpolated pieces cost several intermediate strings each.
    /// </summary>
    internal static string Format(string realm, string nonce, DigestAlgorithm algorithm, string? qop, string? opaque, bool stale)
    {
        var text = new DefaultInterpolatedStringHandler(0, 0, null, stackalloc char[256]);
        text.AppendLiteral("Digest realm=\"");
        text.AppendLiteral(realm);
        text.AppendLiteral("\", nonce=\"");
        text.AppendLiteral(nonce);
        text.AppendLiteral("\", algorithm=");
        text.AppendLiteral(algorithm.ToToken());
        if (qop is not null)
        {
            text.AppendLiteral(", qop=\"");
            text.AppendLiteral(qop);
            text.AppendLiteral("\"");
        }
        if (opaque is not null)
        {
            text.AppendLiteral(", opaque=\"");
            text.AppendLiteral(opaque);
            text.AppendLiteral("\"");
        }
        if (stale)
        {
            text.AppendLiteral(", stale=TRUE");
        }
        return text.ToStringAndClear();
    }
}
