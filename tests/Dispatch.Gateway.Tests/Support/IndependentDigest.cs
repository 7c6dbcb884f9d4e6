using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Dispatch.Gateway.Tests.Support;

/// <summary>
/// The client side of SIP digest authentication written from RFC 7616 §3.4.1 (qop=auth) and RFC 8760, sharing no
/// code with the server's Dispatch.Media.Sip.Auth, so a test that registers with it checks the server against the RFC.
/// </summary>
internal static partial class IndependentDigest
{
    /// <summary>One challenge of a 401: its algorithm, realm and nonce.</summary>
    public sealed record Challenge(string Algorithm, string Realm, string Nonce, string? Opaque);

    /// <summary>Every Digest challenge in a 401's WWW-Authenticate header fields, in order.</summary>
    public static IReadOnlyList<Challenge> ChallengesIn(string response) => WwwAuthenticate().Matches(response)
        .Select(m => m.Groups["params"].Value)
        .Select(p => new Challenge(Param(p, "algorithm") ?? "MD5", Param(p, "realm")!, Param(p, "nonce")!, Param(p, "opaque")))
        .ToList();

    /// <summary>The Authorization header field value answering <paramref name="challenge"/> for a request.</summary>
    public static string Authorization(Challenge challenge, string username, string password, string method, string uri, int nonceCount = 1)
    {
        var cnonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var nc = nonceCount.ToString("x8", CultureInfo.InvariantCulture);
        var ha1 = Hash(challenge.Algorithm, $"{username}:{challenge.Realm}:{password}");
        var ha2 = Hash(challenge.Algorithm, $"{method}:{uri}");
        var response = Hash(challenge.Algorithm, $"{ha1}:{challenge.Nonce}:{nc}:{cnonce}:auth:{ha2}");
        var opaque = challenge.Opaque is null ? "" : $", opaque=\"{challenge.Opaque}\"";
        return $"Digest username=\"{username}\", realm=\"{challenge.Realm}\", nonce=\"{challenge.Nonce}\", uri=\"{uri}\", " +
               $"response=\"{response}\", algorithm={challenge.Algorithm}, qop=auth, nc={nc}, cnonce=\"{cnonce}\"{opaque}";
    }

    private static string Hash(string algorithm, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return Convert.ToHexStringLower(algorithm.ToUpperInvariant() switch
        {
            "SHA-256" => SHA256.HashData(bytes),
#pragma warning disable CA5351 // RFC 7616 MD5 is what the phones speak; this is the test's client side.
            "MD5" => MD5.HashData(bytes),
#pragma warning restore CA5351
            _ => throw new ArgumentException($"algorithm {algorithm}"),
        });
    }

    private static string? Param(string parameters, string name)
    {
        var match = Regex.Match(parameters, $@"(?:^|,)\s*{name}\s*=\s*(?:""(?<v>[^""]*)""|(?<v>[^,\s]+))", RegexOptions.IgnoreCase);
        return match.Success ? match.Groups["v"].Value : null;
    }

    [GeneratedRegex(@"^WWW-Authenticate:\s*Digest\s+(?<params>.*?)\r?$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex WwwAuthenticate();
}
