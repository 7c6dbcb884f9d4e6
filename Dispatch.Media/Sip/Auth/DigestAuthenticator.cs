using Dispatch.Media.Sip.Messages;

namespace Dispatch.Media.Sip.Auth;

/// <summary>
/// Server side of SIP Digest authentication (RFC 3261 §22.4, RFC 7616, RFC 8760) for one realm, qop=auth only.
/// Stores no passwords: the caller looks up the HA1 of a user for the algorithm the client chose.
/// <code>
///   REGISTER ─► Verify ─► Authenticated ─► handle the request
///                     └─► otherwise ─► 401 + AddChallenges (SHA-256 first, then MD5; stale=TRUE if only the nonce expired)
/// </code>
/// </summary>
/// <param name="algorithms">
/// The challenges to offer, most preferred first; default SHA-256 then MD5 (RFC 8760 §2.4). Some clients (sipp 3.6,
/// older phones) answer only the first challenge and know only MD5: for them MD5 must come first.
/// </param>
public sealed class DigestAuthenticator(DigestNonceManager nonces, string realm, IReadOnlyList<DigestAlgorithm>? algorithms = null)
{
    public string Realm { get; } = realm;

    public IReadOnlyList<DigestAlgorithm> Algorithms { get; } = algorithms is { Count: > 0 } ? algorithms : [DigestAlgorithm.Sha256, DigestAlgorithm.Md5];

    /// <summary>RFC 8760 §2.4: one challenge per algorithm, in order of preference, sharing one nonce.</summary>
    public IReadOnlyList<DigestChallenge> CreateChallenges(bool stale = false)
    {
        var nonce = nonces.Issue();
        return Algorithms.Select(a => new DigestChallenge(Realm, nonce, a, Stale: stale)).ToArray();
    }

    public void AddChallenges(SipResponse response, bool stale = false, string headerName = SipHeaderNames.WwwAuthenticate)
    {
        // The same values as CreateChallenges, written straight into the header text (no challenge objects per 401).
        var nonce = nonces.Issue();
        foreach (var algorithm in Algorithms)
        {
            response.Headers.Add(headerName, DigestChallenge.Format(Realm, nonce, algorithm, "auth", null, stale));
        }
    }

    /// <param name="lookupHa1">The stored HA1 for a username and algorithm, or null for an unknown user.</param>
    public DigestVerification Verify(SipRequest request, Func<string, DigestAlgorithm, string?> lookupHa1, string headerName = SipHeaderNames.Authorization)
    {
        var credentials = FindCredentials(request.Headers, headerName, out var sawOurs);
        if (credentials is null)
        {
            return new(sawOurs ? DigestOutcome.Malformed : DigestOutcome.MissingCredentials);
        }
        if (!string.Equals(credentials.Qop, "auth", StringComparison.OrdinalIgnoreCase))
        {
            return new(DigestOutcome.Malformed, credentials.Username); // we offer only qop=auth; without it nc replay checks are impossible
        }
        if (!Algorithms.Contains(credentials.Algorithm))
        {
            return new(DigestOutcome.Malformed, credentials.Username); // an algorithm we did not offer
        }
        if (lookupHa1(credentials.Username, credentials.Algorithm) is not { } ha1)
        {
            return new(DigestOutcome.UnknownUser, credentials.Username);
        }
        if (!DigestMath.ResponseMatches(credentials.Algorithm, ha1, credentials.Nonce, credentials.NonceCount!, credentials.Cnonce!, "auth",
            request.Method, credentials.Uri, credentials.Response))
        {
            return new(DigestOutcome.WrongResponse, credentials.Username);
        }
        // Checked after the response, so a forger cannot burn nonce-counts of a real client.
        var outcome = nonces.Check(credentials.Nonce, credentials.NonceCount) switch
        {
            NonceCheck.Valid => DigestOutcome.Authenticated,
            NonceCheck.Stale => DigestOutcome.StaleNonce,
            NonceCheck.Replayed => DigestOutcome.Replayed,
            _ => DigestOutcome.UnknownNonce,
        };
        return new(outcome, credentials.Username);
    }

    /// <summary>
    /// The first Digest credentials for our realm, as <see cref="Verify"/> judges them. Each value is parsed once per
    /// request (kept with the header field), so a caller that needs the username first pays no second parse.
    /// </summary>
    public DigestCredentials? FindCredentials(SipRequest request, string headerName = SipHeaderNames.Authorization) =>
        FindCredentials(request.Headers, headerName, out _);

    /// <param name="sawMalformedDigest">Some value named the Digest scheme but did not parse.</param>
    private DigestCredentials? FindCredentials(SipHeaders headers, string headerName, out bool sawMalformedDigest)
    {
        sawMalformedDigest = false;
        var name = SipHeaderNames.Normalize(headerName);
        for (var i = headers.IndexOf(name); i >= 0; i = headers.IndexOf(name, i + 1))
        {
            if (headers.ParsedAt(i, DigestCredentials.ParseOrNull) is { } parsed)
            {
                if (parsed.Realm == Realm)
                {
                    return parsed;
                }
            }
            else if (headers.FieldAt(i).Value.AsSpan().TrimStart().StartsWith("Digest", StringComparison.OrdinalIgnoreCase))
            {
                sawMalformedDigest = true;
            }
        }
        return null;
    }
}
