using Dispatch.Media.Sip.Auth;
using Dispatch.Media.Sip.Messages;

namespace Dispatch.Media.Tests.Sip.Registrar;

/// <summary>RFC 3261 §10.3 steps 2–3 with RFC 7616 / RFC 8760 digest: who may register.</summary>
public sealed class SipRegistrarAuthenticationTests : RegistrarHarness
{
    [Fact]
    public async Task A_register_without_credentials_gets_401_with_sha256_then_md5_challenges_for_qop_auth()
    {
        var reply = await Registrar.Register(Desk1().Request("Contact: <sip:13800000001@192.0.2.10:5062>\r\n"));

        Assert.Equal(401, reply.StatusCode);
        var challenges = reply.Headers.All(SipHeaderNames.WwwAuthenticate)
            .Select(v => DigestChallenge.TryParse(v, out var c) ? c : null).ToList();
        Assert.Equal([DigestAlgorithm.Sha256, DigestAlgorithm.Md5], challenges.Select(c => c!.Algorithm));
        Assert.All(challenges, c => Assert.Equal(("dispatch", "auth"), (c!.Realm, c.Qop)));
        Assert.Empty(Store.BindingsOf("W1"));
    }

    [Theory]
    [InlineData(DigestAlgorithm.Sha256)]
    [InlineData(DigestAlgorithm.Md5)]
    public async Task Valid_credentials_in_either_algorithm_register_the_contact(DigestAlgorithm algorithm)
    {
        var ok = await Register(Desk1(), "Contact: <sip:13800000001@192.0.2.10:5062>\r\n", algorithm);

        Assert.Equal(200, ok.StatusCode);
        Assert.Equal(3600, Granted(ok)["sip:13800000001@192.0.2.10:5062"]);
        Assert.NotNull(ok.Headers[SipHeaderNames.Date]);
        var binding = Assert.Single(Store.BindingsOf("W1"));
        Assert.Equal(("desk-1", "desk-call"), (binding.DeviceId, binding.CallId));
    }

    [Fact]
    public async Task A_wrong_password_gets_403_and_leaves_no_binding()
    {
        var phone = Desk1();
        var extra = "Contact: <sip:13800000001@192.0.2.10:5062>\r\n";
        var challenge = await Registrar.Register(phone.Request(extra));

        var reply = await Registrar.Register(phone.Request(extra, phone.Answer(challenge, withPassword: "guess")));

        Assert.Equal(403, reply.StatusCode);
        Assert.Empty(Store.BindingsOf("W1"));
    }

    [Fact]
    public async Task An_unknown_username_gets_the_same_403_as_a_wrong_password()
    {
        var stranger = new RegisterPhone("19999999999", Password);
        var extra = "Contact: <sip:19999999999@192.0.2.10>\r\n";
        var challenge = await Registrar.Register(stranger.Request(extra));

        var reply = await Registrar.Register(stranger.Request(extra, stranger.Answer(challenge)));

        Assert.Equal((403, "Forbidden - Wrong username or password"), (reply.StatusCode, reply.ReasonPhrase));
    }

    [Fact]
    public async Task A_nonce_past_its_lifetime_gets_401_with_stale_true()
    {
        var phone = Desk1();
        var extra = "Contact: <sip:13800000001@192.0.2.10:5062>\r\n";
        var challenge = await Registrar.Register(phone.Request(extra));
        Clock.Advance(TimeSpan.FromMinutes(6));

        var reply = await Registrar.Register(phone.Request(extra, phone.Answer(challenge)));

        Assert.Equal(401, reply.StatusCode);
        Assert.All(reply.Headers.All(SipHeaderNames.WwwAuthenticate), v => Assert.Contains("stale=TRUE", v));
    }

    [Fact]
    public async Task A_replayed_authorization_is_challenged_again_and_changes_nothing()
    {
        var phone = Desk1();
        var challenge = await Registrar.Register(phone.Request("Contact: <sip:a@192.0.2.10>\r\n"));
        var authorization = phone.Answer(challenge);
        Assert.Equal(200, (await Registrar.Register(phone.Request("Contact: <sip:a@192.0.2.10>\r\n", authorization))).StatusCode);

        var replay = await Registrar.Register(phone.Request("Contact: <sip:a@192.0.2.10>\r\nExpires: 0\r\n", authorization));

        Assert.Equal(401, replay.StatusCode);
        Assert.Single(Store.BindingsOf("W1"));
    }

    [Fact]
    public async Task Credentials_of_one_user_cannot_register_another_users_address_of_record()
    {
        var phone = Desk1();
        var challenge = await Registrar.Register(phone.Request(""));
        var request = phone.Request("Contact: <sip:x@192.0.2.10>\r\n", phone.Answer(challenge));
        request.Headers.Set(SipHeaderNames.To, "<sip:13800000002@dispatch.example>");

        var reply = await Registrar.Register(request);

        Assert.Equal(403, reply.StatusCode);
        Assert.Empty(Store.BindingsOf("W2"));
    }

    [Fact]
    public async Task Other_methods_are_left_to_the_next_handler()
    {
        var text = "OPTIONS sip:dispatch.example SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.10;branch=z9hG4bK-o1\r\nMax-Forwards: 70\r\n" +
                   "From: <sip:a@dispatch.example>;tag=1\r\nTo: <sip:a@dispatch.example>\r\nCall-ID: o1\r\nCSeq: 1 OPTIONS\r\n\r\n";
        var options = (SipRequest)SipMessageParser.Parse(System.Text.Encoding.ASCII.GetBytes(text)).Message!;

        Assert.Null(await Registrar.Handle(options));
        Assert.Equal(401, (await Registrar.Handle(Desk1().Request("")))!.StatusCode);
    }
}
