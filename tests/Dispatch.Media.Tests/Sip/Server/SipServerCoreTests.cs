using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Dispatch.Media.Sip.Auth;
using Dispatch.Media.Sip.Messages;
using Dispatch.Media.Sip.Server;
using Microsoft.Extensions.Time.Testing;

namespace Dispatch.Media.Tests.Sip.Server;

/// <summary>The sans-I/O server: datagrams in, datagrams out, on a fake clock.</summary>
public sealed class SipServerCoreTests
{
    private static readonly IPEndPoint Phone = new(IPAddress.Parse("198.51.100.7"), 40123);
    private readonly FakeTimeProvider _clock = new();

    private static string Options(string via, string method = "OPTIONS", string extra = "") =>
        $"{method} sip:desk@dispatch.example SIP/2.0\r\nVia: {via}\r\nMax-Forwards: 70\r\nTo: <sip:desk@dispatch.example>\r\n" +
        $"From: <sip:phone@dispatch.example>;tag=p1\r\nCall-ID: core-1\r\nCSeq: 1 {method}\r\n{extra}Content-Length: 0\r\n\r\n";

    private static List<SipDatagram> Feed(SipServerCore core, string text, IPEndPoint? from = null)
    {
        core.OnDatagram(Encoding.UTF8.GetBytes(text), from ?? Phone);
        var sent = new List<SipDatagram>();
        while (core.TryPollOutput(out var output))
        {
            if (output is SipDatagram d)
            {
                sent.Add(d);
            }
        }
        return sent;
    }

    private static SipResponse Response(SipDatagram d) => (SipResponse)SipMessageParser.Parse(d.Data).Message!;

    [Fact]
    public void Pooled_datagrams_carry_the_same_bytes_as_plain_ones_and_release_once()
    {
        var plain = Feed(new SipServerCore(_clock), Options("SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bKp1")).Single();
        var pooled = Feed(new SipServerCore(_clock, new SipServerOptions { PooledDatagrams = true }), Options("SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bKp1")).Single();

        var text = Encoding.UTF8.GetString(pooled.Payload);
        Assert.Equal(plain.Data.Length, pooled.Length);
        // The To tag is random: the rest of both answers is the same.
        Assert.Equal(Regex.Replace(Encoding.UTF8.GetString(plain.Data), "tag=[0-9a-f]+", "tag="), Regex.Replace(text, "tag=[0-9a-f]+", "tag="));
        pooled.Release();
        pooled.Release(); // a second release must not hand the array to the pool twice
        plain.Release(); // nothing to give back for a plain array
        Assert.StartsWith("SIP/2.0 200 OK\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_rport_is_filled_with_the_source_port_and_received_is_added()
    {
        var core = new SipServerCore(_clock);

        var reply = Response(Feed(core, Options("SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bKr1;rport")).Single());

        Assert.Equal("40123", reply.TopVia!.Parameters["rport"]);
        Assert.Equal("198.51.100.7", reply.TopVia.Received);
        Assert.Equal(200, reply.StatusCode);
    }

    [Fact]
    public void Received_is_added_when_sent_by_is_not_the_source_address_and_left_out_when_it_is()
    {
        var core = new SipServerCore(_clock);

        var natted = Response(Feed(core, Options("SIP/2.0/UDP 10.0.0.5;branch=z9hG4bKr2")).Single());
        var direct = Response(Feed(core, Options("SIP/2.0/UDP 198.51.100.7:40123;branch=z9hG4bKr3")).Single());

        Assert.Equal("198.51.100.7", natted.TopVia!.Received);
        Assert.Null(direct.TopVia!.Received);
    }

    [Fact]
    public void Without_symmetric_responses_a_response_goes_to_received_and_the_sent_by_port()
    {
        var core = new SipServerCore(_clock, new SipServerOptions { SymmetricResponses = false });

        var sent = Feed(core, Options("SIP/2.0/UDP 10.0.0.5:5070;branch=z9hG4bKr4")).Single();

        Assert.Equal(new IPEndPoint(IPAddress.Parse("198.51.100.7"), 5070), sent.Destination);
    }

    [Fact]
    public void With_symmetric_responses_a_response_goes_back_to_the_source()
    {
        var core = new SipServerCore(_clock);

        Assert.Equal(Phone, Feed(core, Options("SIP/2.0/UDP 10.0.0.5:5070;branch=z9hG4bKr5")).Single().Destination);
    }

    [Fact]
    public void A_malformed_request_gets_a_400_naming_the_header_and_echoing_the_call_id()
    {
        var core = new SipServerCore(_clock);

        var reply = Feed(core, Options("SIP/2.0/UDP 10.0.0.5;branch=z9hG4bKr6").Replace("CSeq: 1 OPTIONS", "CSeq: one OPTIONS")).Single();

        var text = Encoding.UTF8.GetString(reply.Data);
        Assert.StartsWith("SIP/2.0 400 Bad Request - Invalid CSeq\r\n", text);
        Assert.Contains("Call-ID: core-1\r\n", text);
    }

    [Fact]
    public void A_request_over_the_size_limit_gets_513()
    {
        var core = new SipServerCore(_clock, new SipServerOptions { Parser = new SipParserOptions { MaxMessageBytes = 200 } });

        var reply = Feed(core, Options("SIP/2.0/UDP 10.0.0.5;branch=z9hG4bKr7", extra: $"Subject: {new string('x', 300)}\r\n")).Single();

        Assert.StartsWith("SIP/2.0 513 Message Too Large", Encoding.UTF8.GetString(reply.Data));
    }

    [Fact]
    public void Garbage_and_stray_responses_are_dropped_without_an_answer()
    {
        var core = new SipServerCore(_clock);

        Assert.Empty(Feed(core, "\u0001\u0002 not sip at all"));
        Assert.Empty(Feed(core, Encoding.UTF8.GetString(TortureManifest.Get("bcast.dat").Bytes)));
    }

    [Fact]
    public void A_double_crlf_keep_alive_is_answered_with_a_single_crlf()
    {
        var core = new SipServerCore(_clock);

        Assert.Equal("\r\n"u8.ToArray(), Feed(core, "\r\n\r\n").Single().Data);
    }

    [Fact]
    public void A_cancel_gets_200_and_its_pending_invite_gets_487()
    {
        var core = new SipServerCore(_clock, new SipServerOptions { Handler = r => new(r.Method == "INVITE" ? r.CreateResponse(180) : null) });
        var via = "SIP/2.0/UDP 10.0.0.5;branch=z9hG4bKc1";
        Feed(core, Options(via, "INVITE"));

        var replies = Feed(core, Options(via, "CANCEL")).Select(Response).ToList();

        Assert.Contains(replies, r => r.StatusCode == 200 && r.CSeq!.Value.Method == "CANCEL");
        Assert.Contains(replies, r => r.StatusCode == 487 && r.CSeq!.Value.Method == "INVITE");
    }

    [Fact]
    public void An_unknown_authorization_scheme_gets_401_with_digest_challenges()
    {
        var auth = new DigestAuthenticator(new DigestNonceManager(_clock, TimeSpan.FromMinutes(5)), "example.com");
        var core = new SipServerCore(_clock, new SipServerOptions { Authenticator = auth });

        var reply = Response(Feed(core, Encoding.UTF8.GetString(TortureManifest.Get("regaut01.dat").Bytes)).Single());

        Assert.Equal(401, reply.StatusCode);
        Assert.Equal(2, reply.Headers.CountOf(SipHeaderNames.WwwAuthenticate));
    }

    [Fact]
    public void A_rejected_invite_is_retransmitted_on_the_clock_until_acknowledged()
    {
        var core = new SipServerCore(_clock);
        var invite = Encoding.UTF8.GetString(TortureManifest.Get("invut.dat").Bytes);
        Assert.Equal([100, 415], Feed(core, invite).Select(d => Response(d).StatusCode));

        _clock.Advance(TimeSpan.FromMilliseconds(500));
        core.HandleTimeout();

        Assert.True(core.TryPollOutput(out var again));
        Assert.Equal(415, Response((SipDatagram)again).StatusCode);
    }
}
