using System.Net;
using System.Text;
using Dispatch.Media.Sip.Messages;
using Dispatch.Media.Sip.Server;
using Microsoft.Extensions.Time.Testing;

namespace Dispatch.Media.Tests.Sip.Server;

/// <summary>
/// RFC 3261 §8.2.7: challenges to requests other than INVITE are sent as a stateless UAS would: no transaction is kept
/// for Timer J, a retransmission is answered anew with the same To tag, and every other answer keeps its transaction.
/// </summary>
public sealed class StatelessChallengeTests
{
    private static readonly IPEndPoint Phone = new(IPAddress.Parse("198.51.100.7"), 40123);
    private readonly FakeTimeProvider _clock = new();
    private int _handled;

    private static string Request(string method, string branch, string callId = "sc-1", string toTag = "") =>
        $"{method} sip:dispatch.example SIP/2.0\r\nVia: SIP/2.0/UDP 198.51.100.7:40123;branch={branch}\r\nMax-Forwards: 70\r\n" +
        $"To: <sip:desk@dispatch.example>{toTag}\r\nFrom: <sip:desk@dispatch.example>;tag=p1\r\nCall-ID: {callId}\r\n" +
        $"CSeq: 1 {method}\r\nContact: <sip:desk@198.51.100.7:40123>\r\nContent-Length: 0\r\n\r\n";

    private SipServerCore Core(int status) => new(_clock, new SipServerOptions
    {
        Handler = request =>
        {
            _handled++;
            var response = request.CreateResponse(status);
            if (status == 401)
            {
                response.Headers.Add("WWW-Authenticate", $"Digest realm=\"dispatch\", nonce=\"n{_handled}\", qop=\"auth\"");
            }
            return new ValueTask<SipResponse?>(response);
        },
    });

    private static List<SipResponse> Feed(SipServerCore core, string text)
    {
        core.OnDatagram(Encoding.UTF8.GetBytes(text), Phone);
        var sent = new List<SipResponse>();
        while (core.TryPollOutput(out var output))
        {
            if (output is SipDatagram d)
            {
                sent.Add((SipResponse)SipMessageParser.Parse(d.Data).Message!);
            }
        }
        return sent;
    }

    [Fact]
    public void A_challenge_keeps_no_transaction_and_a_retransmission_is_challenged_anew_with_the_same_To_tag()
    {
        var core = Core(401);

        var first = Feed(core, Request("REGISTER", "z9hG4bKsc1")).Single();
        Assert.Equal(401, first.StatusCode);
        Assert.Equal(0, core.Transactions.ServerCount);

        var again = Feed(core, Request("REGISTER", "z9hG4bKsc1")).Single();
        Assert.Equal(401, again.StatusCode);
        Assert.Equal(2, _handled); // a new request to the handler, not a repeat from a transaction
        Assert.NotEqual(first.Headers["WWW-Authenticate"], again.Headers["WWW-Authenticate"]);
        var tag = first.To!.Tag;
        Assert.False(string.IsNullOrEmpty(tag));
        Assert.Equal(tag, again.To!.Tag);

        var other = Feed(core, Request("REGISTER", "z9hG4bKsc2", callId: "sc-2")).Single();
        Assert.NotEqual(tag, other.To!.Tag);
        Assert.Equal(0, core.Transactions.ServerCount);
    }

    [Fact]
    public void A_final_answer_other_than_a_challenge_keeps_its_transaction_and_answers_a_retransmission_from_it()
    {
        var core = Core(200);

        var first = Feed(core, Request("REGISTER", "z9hG4bKsc3")).Single();
        Assert.Equal(1, core.Transactions.ServerCount);
        var again = Feed(core, Request("REGISTER", "z9hG4bKsc3")).Single();

        Assert.Equal(1, _handled);
        Assert.Equal(first.To!.Tag, again.To!.Tag);
        _clock.Advance(TimeSpan.FromSeconds(33)); // Timer J, 64 * T1
        core.HandleTimeout();
        Assert.Equal(0, core.Transactions.ServerCount);
    }

    [Fact]
    public void A_challenged_INVITE_keeps_its_transaction_for_the_ACK()
    {
        var core = Core(401);

        var challenge = Feed(core, Request("INVITE", "z9hG4bKsc4")).Last();

        Assert.Equal(401, challenge.StatusCode);
        Assert.Equal(1, core.Transactions.ServerCount);
    }

    [Fact]
    public void A_challenge_inside_a_dialog_keeps_the_request_To_tag()
    {
        var core = Core(401);

        var challenge = Feed(core, Request("MESSAGE", "z9hG4bKsc5", toTag: ";tag=dialog1")).Single();

        Assert.Equal("dialog1", challenge.To!.Tag);
        Assert.Equal(0, core.Transactions.ServerCount);
    }
}
