using Dispatch.Media.Sip.Auth;
using Dispatch.Media.Sip.Messages;
using Microsoft.Extensions.Time.Testing;

namespace Dispatch.Media.Tests.Sip.Auth;

public sealed class DigestAuthenticatorTests
{
    private const string Realm = "dispatch.example";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private readonly DigestAuthenticator _auth;

    public DigestAuthenticatorTests()
    {
        _auth = new DigestAuthenticator(new DigestNonceManager(_clock, TimeSpan.FromMinutes(5)), Realm);
    }

    private static string? Ha1(string user, DigestAlgorithm algorithm) =>
        user == "worker7" ? DigestMath.Ha1(algorithm, "worker7", Realm, "s3cret") : null;

    /// <summary>A REGISTER answered to a challenge as a phone would (RFC 7616 §3.4).</summary>
    private static SipRequest Register(DigestChallenge challenge, string password = "s3cret", string nc = "00000001", string user = "worker7")
    {
        var request = new SipRequest("REGISTER", SipUri.Create("sip", null, Realm));
        const string uri = "sip:" + Realm;
        const string cnonce = "0a4f113b";
        var ha1 = DigestMath.Ha1(challenge.Algorithm, user, Realm, password);
        var response = DigestMath.Response(challenge.Algorithm, ha1, challenge.Nonce, nc, cnonce, "auth", DigestMath.Ha2(challenge.Algorithm, "REGISTER", uri));
        var credentials = new DigestCredentials(user, Realm, challenge.Nonce, uri, response, challenge.Algorithm, "auth", cnonce, nc, null);
        request.Headers.Add(SipHeaderNames.Authorization, credentials.ToString());
        return request;
    }

    [Fact]
    public void Credentials_are_parsed_once_and_shared_with_the_check()
    {
        var request = Register(_auth.CreateChallenges()[1]);

        var found = _auth.FindCredentials(request);

        Assert.Equal("worker7", found?.Username);
        Assert.Same(found, _auth.FindCredentials(request));
        Assert.Equal(DigestOutcome.Authenticated, _auth.Verify(request, Ha1).Outcome);
        Assert.Same(found, _auth.FindCredentials(request));
    }

    [Fact]
    public void Replaced_credentials_are_parsed_again()
    {
        var request = Register(_auth.CreateChallenges()[1]);
        var first = _auth.FindCredentials(request);

        request.Headers.Set(SipHeaderNames.Authorization, Register(_auth.CreateChallenges()[1], user: "worker8").Headers[SipHeaderNames.Authorization]!);

        Assert.NotSame(first, _auth.FindCredentials(request));
        Assert.Equal("worker8", _auth.FindCredentials(request)?.Username);
    }

    [Fact]
    public void A_challenge_offers_sha256_before_md5_with_the_same_nonce()
    {
        var response = new SipResponse(401, "Unauthorized");

        _auth.AddChallenges(response);

        var challenges = response.Headers.All(SipHeaderNames.WwwAuthenticate).Select(v => DigestChallenge.TryParse(v, out var c) ? c : null).ToList();
        Assert.Equal([DigestAlgorithm.Sha256, DigestAlgorithm.Md5], challenges.Select(c => c!.Algorithm));
        Assert.Equal(challenges[0]!.Nonce, challenges[1]!.Nonce);
        Assert.Equal("auth", challenges[0]!.Qop);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void The_right_password_authenticates_with_either_algorithm(int which)
    {
        var challenge = _auth.CreateChallenges()[which];

        var result = _auth.Verify(Register(challenge), Ha1);

        Assert.Equal(DigestOutcome.Authenticated, result.Outcome);
        Assert.Equal("worker7", result.Username);
    }

    [Fact]
    public void A_wrong_password_is_refused()
    {
        Assert.Equal(DigestOutcome.WrongResponse, _auth.Verify(Register(_auth.CreateChallenges()[0], "guess"), Ha1).Outcome);
    }

    [Fact]
    public void An_unknown_user_is_refused()
    {
        Assert.Equal(DigestOutcome.UnknownUser, _auth.Verify(Register(_auth.CreateChallenges()[0], user: "nobody"), Ha1).Outcome);
    }

    [Fact]
    public void A_replayed_nonce_count_is_refused_and_a_higher_one_accepted()
    {
        var challenge = _auth.CreateChallenges()[0];
        Assert.True(_auth.Verify(Register(challenge, nc: "00000001"), Ha1).IsAuthenticated);

        Assert.Equal(DigestOutcome.Replayed, _auth.Verify(Register(challenge, nc: "00000001"), Ha1).Outcome);
        Assert.True(_auth.Verify(Register(challenge, nc: "00000002"), Ha1).IsAuthenticated);
    }

    [Fact]
    public void An_expired_nonce_is_reported_stale_so_the_phone_can_retry()
    {
        var challenge = _auth.CreateChallenges()[0];

        _clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(DigestOutcome.StaleNonce, _auth.Verify(Register(challenge), Ha1).Outcome);
    }

    [Fact]
    public void A_nonce_not_issued_here_is_refused()
    {
        var forged = new DigestChallenge(Realm, "bm90LWEtcmVhbC1ub25jZS1mcm9tLXVzLXNlcnZlcg", DigestAlgorithm.Sha256);

        Assert.Equal(DigestOutcome.UnknownNonce, _auth.Verify(Register(forged), Ha1).Outcome);
    }

    [Fact]
    public void A_nonce_is_unpadded_base64url_and_a_changed_character_makes_it_unknown()
    {
        var nonces = new DigestNonceManager(_clock, TimeSpan.FromMinutes(5));
        var nonce = nonces.Issue();
        var changed = (nonce[10] == 'A' ? 'B' : 'A') + "";

        Assert.Matches("^[A-Za-z0-9_-]{48}$", nonce); // 36 bytes: time, random, MAC
        Assert.Equal(NonceCheck.Unknown, nonces.Check(nonce[..10] + changed + nonce[11..], "00000001"));
        Assert.Equal(NonceCheck.Unknown, nonces.Check(nonce + "=", "00000001"));
        Assert.Equal(NonceCheck.Valid, nonces.Check(nonce, "00000001"));
    }

    /// <summary>Random bytes are drawn 256 nonces at a time and the MAC is kept: across refills, from several threads.</summary>
    [Fact]
    public void Nonces_issued_across_random_refills_and_threads_are_distinct_and_each_valid()
    {
        var nonces = new DigestNonceManager(_clock, TimeSpan.FromMinutes(5));
        var issued = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 4, _ =>
        {
            for (var i = 0; i < 300; i++)
            {
                issued.Add(nonces.Issue());
            }
        });

        Assert.Equal(1200, issued.Distinct(StringComparer.Ordinal).Count());
        Assert.All(issued, nonce => Assert.Equal(NonceCheck.Valid, nonces.Check(nonce, "00000001")));
        // The random part differs too, not only the MAC: nonces of one millisecond share their first 8 bytes.
        var randomParts = issued.Select(n => Convert.ToHexString(Base64UrlDecode(n).AsSpan(8, 12))).Distinct().Count();
        Assert.Equal(1200, randomParts);
    }

    private static byte[] Base64UrlDecode(string value) => System.Buffers.Text.Base64Url.DecodeFromChars(value);

    [Fact]
    public void A_nonce_from_another_server_key_is_refused()
    {
        var other = new DigestNonceManager(_clock, TimeSpan.FromMinutes(5));
        var mine = new DigestNonceManager(_clock, TimeSpan.FromMinutes(5));

        Assert.Equal(NonceCheck.Unknown, mine.Check(other.Issue(), "00000001"));
        Assert.Equal(NonceCheck.Valid, mine.Check(mine.Issue(), "00000001"));
    }

    [Fact]
    public void Tracked_nonce_counts_are_forgotten_once_their_nonce_expires()
    {
        var nonces = new DigestNonceManager(_clock, TimeSpan.FromMinutes(5));
        nonces.Check(nonces.Issue(), "00000001");
        Assert.Equal(1, nonces.TrackedCount);

        _clock.Advance(TimeSpan.FromMinutes(6));
        nonces.Check(nonces.Issue(), null);

        Assert.Equal(0, nonces.TrackedCount);
    }

    [Fact]
    public void A_request_without_credentials_is_missing_them()
    {
        Assert.Equal(DigestOutcome.MissingCredentials, _auth.Verify(new SipRequest("REGISTER", SipUri.Create("sip", null, Realm)), Ha1).Outcome);
    }
}
