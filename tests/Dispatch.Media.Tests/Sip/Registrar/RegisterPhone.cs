using System.Text;
using Dispatch.Media.Sip.Auth;
using Dispatch.Media.Sip.Messages;

namespace Dispatch.Media.Tests.Sip.Registrar;

/// <summary>A test phone that writes REGISTER requests and answers digest challenges (RFC 7616 §3.4).</summary>
internal sealed class RegisterPhone(string username, string password, string callId = "reg-call-1")
{
    private long _cseq;
    private int _nonceCount;

    public string Username { get; } = username;

    public string CallId { get; } = callId;

    public long LastCSeq => _cseq;

    /// <summary>A REGISTER with the given extra header lines (Contact, Expires, …) and optional Authorization.</summary>
    public SipRequest Request(string extra, string? authorization = null, long? cseq = null)
    {
        _cseq = cseq ?? _cseq + 1;
        var text = $"REGISTER sip:dispatch.example SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.10:5062;branch=z9hG4bK-{CallId}-{_cseq}\r\n" +
                   $"Max-Forwards: 70\r\nFrom: <sip:{Username}@dispatch.example>;tag=f{_cseq}\r\nTo: <sip:{Username}@dispatch.example>\r\n" +
                   $"Call-ID: {CallId}\r\nCSeq: {_cseq} REGISTER\r\n{extra}" +
                   (authorization is null ? "" : $"Authorization: {authorization}\r\n") + "Content-Length: 0\r\n\r\n";
        var parsed = SipMessageParser.Parse(Encoding.UTF8.GetBytes(text));
        Assert.True(parsed.IsSuccess, parsed.IsSuccess ? "" : parsed.Error.ToString());
        return (SipRequest)parsed.Message!;
    }

    /// <summary>Credentials answering the challenge of <paramref name="challengeResponse"/> for the given algorithm.</summary>
    public string Answer(SipResponse challengeResponse, DigestAlgorithm algorithm = DigestAlgorithm.Sha256, string? withPassword = null)
    {
        var challenge = challengeResponse.Headers.All(SipHeaderNames.WwwAuthenticate)
            .Select(v => DigestChallenge.TryParse(v, out var c) ? c : null)
            .First(c => c!.Algorithm == algorithm)!;
        return Credentials(challenge, ++_nonceCount, withPassword ?? password).ToString();
    }

    public DigestCredentials Credentials(DigestChallenge challenge, int nonceCount, string secret)
    {
        const string uri = "sip:dispatch.example";
        var nc = nonceCount.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        var cnonce = "c" + nonceCount;
        var ha1 = DigestMath.Ha1(challenge.Algorithm, Username, challenge.Realm, secret);
        var ha2 = DigestMath.Ha2(challenge.Algorithm, "REGISTER", uri);
        var response = DigestMath.Response(challenge.Algorithm, ha1, challenge.Nonce, nc, cnonce, "auth", ha2);
        return new DigestCredentials(Username, challenge.Realm, challenge.Nonce, uri, response, challenge.Algorithm, "auth", cnonce, nc, null);
    }
}
