using Dispatch.Media.Sip.Auth;

namespace Dispatch.Media.Tests.Sip.Auth;

/// <summary>Known answers from RFC 7616 §3.9.1 (user Mufasa, password "Circle of Life").</summary>
public sealed class DigestMathTests
{
    private const string Realm = "http-auth@example.org";
    private const string Nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    private const string Cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

    [Theory]
    [InlineData(DigestAlgorithm.Md5, "8ca523f5e9506fed4657c9700eebdbec")]
    [InlineData(DigestAlgorithm.Sha256, "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1")]
    public void The_rfc_7616_example_response_is_reproduced(DigestAlgorithm algorithm, string expected)
    {
        var ha1 = DigestMath.Ha1(algorithm, "Mufasa", Realm, "Circle of Life");
        var ha2 = DigestMath.Ha2(algorithm, "GET", "/dir/index.html");

        Assert.Equal(expected, DigestMath.Response(algorithm, ha1, Nonce, "00000001", Cnonce, "auth", ha2));
    }

    [Theory]
    [InlineData(DigestAlgorithm.Md5, "8ca523f5e9506fed4657c9700eebdbec", true)]
    [InlineData(DigestAlgorithm.Md5, "8CA523F5E9506FED4657C9700EEBDBEC", true)]
    [InlineData(DigestAlgorithm.Md5, "8ca523f5e9506fed4657c9700eebdbed", false)]
    [InlineData(DigestAlgorithm.Md5, "8ca523f5e9506fed4657c9700eebdbe", false)]
    [InlineData(DigestAlgorithm.Md5, "8ca523f5e9506fed4657c9700eebdbe\u0163", false)]
    [InlineData(DigestAlgorithm.Sha256, "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", true)]
    [InlineData(DigestAlgorithm.Sha256, "8ca523f5e9506fed4657c9700eebdbec", false)]
    public void The_server_side_check_on_the_stack_accepts_exactly_the_rfc_7616_example_response(DigestAlgorithm algorithm, string response, bool matches)
    {
        var ha1 = DigestMath.Ha1(algorithm, "Mufasa", Realm, "Circle of Life");

        Assert.Equal(matches, DigestMath.ResponseMatches(algorithm, ha1, Nonce, "00000001", Cnonce, "auth", "GET", "/dir/index.html", response));
    }

    [Fact]
    public void The_server_side_check_joins_a_uri_longer_than_its_stack_buffer_the_same_way()
    {
        var uri = "sip:" + new string('a', 3000) + "@dispatch";
        var ha1 = DigestMath.Ha1(DigestAlgorithm.Sha256, "u", "dispatch", "pw");
        var response = DigestMath.Response(DigestAlgorithm.Sha256, ha1, Nonce, "0000000a", Cnonce, "auth", DigestMath.Ha2(DigestAlgorithm.Sha256, "REGISTER", uri));

        Assert.True(DigestMath.ResponseMatches(DigestAlgorithm.Sha256, ha1, Nonce, "0000000a", Cnonce, "auth", "REGISTER", uri, response));
    }

    [Fact]
    public void The_rfc_7616_example_authorization_header_parses()
    {
        const string header = "Digest username=\"Mufasa\", realm=\"http-auth@example.org\", uri=\"/dir/index.html\", " +
            "algorithm=SHA-256, nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", nc=00000001, " +
            "cnonce=\"f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ\", qop=auth, " +
            "response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\", opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";

        Assert.True(DigestCredentials.TryParse(header, out var c));

        Assert.Equal(("Mufasa", Realm, DigestAlgorithm.Sha256, "00000001", "auth"), (c.Username, c.Realm, c.Algorithm, c.NonceCount, c.Qop));
        Assert.Equal(Cnonce, c.Cnonce);
        Assert.Equal("FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS", c.Opaque);
    }

    [Fact]
    public void The_rfc_7616_example_challenge_parses_with_its_quoted_comma_list()
    {
        const string header = "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=SHA-256, " +
            "nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";

        Assert.True(DigestChallenge.TryParse(header, out var challenge));

        Assert.Equal("auth, auth-int", challenge.Qop);
        Assert.Equal(Nonce, challenge.Nonce);
        Assert.Equal(DigestAlgorithm.Sha256, challenge.Algorithm);
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Digest username=\"a\", realm=\"r\"")]
    [InlineData("Digest username=\"a, realm=\"r\", nonce=\"n\", uri=\"u\", response=\"x")]
    [InlineData("Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"x\", qop=auth, cnonce=\"c\", nc=1")]
    public void Malformed_credentials_are_refused(string header)
    {
        Assert.False(DigestCredentials.TryParse(header, out _));
    }
}
