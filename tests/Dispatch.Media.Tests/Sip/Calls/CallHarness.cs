using System.Net;
using System.Text;
using Dispatch.Media.Sip.Calls;
using Dispatch.Media.Sip.Messages;
using Dispatch.Media.Sip.Server;
using Microsoft.Extensions.Time.Testing;

namespace Dispatch.Media.Tests.Sip.Calls;

/// <summary>
/// A SIP core with the B2BUA on a fake clock; a caller and phones are plain endpoints whose messages the test writes
/// and whose received messages it reads back, parsed.
/// </summary>
internal sealed class CallHarness
{
    public static readonly IPEndPoint Server = new(IPAddress.Parse("192.0.2.1"), 5060);
    public static readonly IPEndPoint Caller = new(IPAddress.Parse("198.51.100.10"), 5070);
    public static readonly IPEndPoint Phone1 = new(IPAddress.Parse("203.0.113.21"), 5061);
    public static readonly IPEndPoint Phone2 = new(IPAddress.Parse("203.0.113.22"), 5062);
    public const string WorkerNumber = "13800000001";
    public const string CallerOffer = "v=0\r\no=caller 1 1 IN IP4 198.51.100.10\r\ns=-\r\nc=IN IP4 198.51.100.10\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n";
    public const string PhoneAnswer = "v=0\r\no=phone 2 2 IN IP4 203.0.113.21\r\ns=-\r\nc=IN IP4 203.0.113.21\r\nt=0 0\r\nm=audio 6000 RTP/AVP 0\r\n";

    private readonly List<(SipMessage Message, IPEndPoint To)> _sent = [];
    private int _branches;

    public CallHarness(SipB2buaOptions? options = null, Func<string, ValueTask<SipCallTarget?>>? targets = null)
    {
        Targets = new Dictionary<string, SipCallTarget>
        {
            [WorkerNumber] = new("W000001", [Contact("desk", Phone1), Contact("soft", Phone2)]),
        };
        B2bua = new SipB2bua(new LambdaTargets(targets ?? (user => ValueTask.FromResult(Targets.GetValueOrDefault(user)))), Clock,
            options, events: Events.Add)
        {
            LocalEndPoint = Server,
        };
        Core = new SipServerCore(Clock, new SipServerOptions { TransactionUser = B2bua });
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    public Dictionary<string, SipCallTarget> Targets { get; }

    public SipB2bua B2bua { get; }

    public SipServerCore Core { get; }

    public List<SipCallEvent> Events { get; } = [];

    public static SipContactTarget Contact(string user, IPEndPoint at) =>
        new(SipUri.Create("sip", user, at.Address.ToString(), at.Port), at);

    public void Receive(SipMessage message, IPEndPoint from)
    {
        Core.OnDatagram(message.ToBytes(), from);
        Drain();
    }

    /// <summary>Advances the clock in 50 ms steps, ticking the core as the host's timer loop does.</summary>
    public void Run(TimeSpan duration)
    {
        var end = Clock.GetUtcNow() + duration;
        while (Clock.GetUtcNow() < end)
        {
            Clock.Advance(TimeSpan.FromMilliseconds(50));
            Core.HandleTimeout();
            Drain();
        }
    }

    public void Tick()
    {
        Core.HandleTimeout();
        Drain();
    }

    private void Drain()
    {
        while (Core.TryPollOutput(out var output))
        {
            if (output is SipDatagram datagram)
            {
                _sent.Add((SipMessageParser.Parse(datagram.Data).Message!, datagram.Destination));
            }
        }
    }

    /// <summary>Everything sent to <paramref name="to"/> since the last call, in order (and forgets it).</summary>
    public List<SipMessage> Take(IPEndPoint to)
    {
        var taken = _sent.Where(s => s.To.Equals(to)).Select(s => s.Message).ToList();
        _sent.RemoveAll(s => s.To.Equals(to));
        return taken;
    }

    public SipRequest TakeRequest(IPEndPoint to, string method)
    {
        var all = Take(to);
        var requests = all.OfType<SipRequest>().Where(r => r.Method == method).ToList();
        Assert.True(requests.Count == 1, $"expected one {method} to {to}, got: {string.Join(" | ", all)}");
        return requests[0];
    }

    /// <summary>One request and its UDP retransmissions (all with one branch) sent to <paramref name="to"/>.</summary>
    public SipRequest TakeRetransmitted(IPEndPoint to, string method)
    {
        var all = Take(to);
        var requests = all.OfType<SipRequest>().Where(r => r.Method == method).ToList();
        Assert.True(requests.Count >= 1, $"expected a {method} to {to}, got: {string.Join(" | ", all)}");
        Assert.Single(requests.Select(r => r.TopVia!.Branch).Distinct());
        return requests[0];
    }

    public SipResponse TakeFinal(IPEndPoint to)
    {
        var all = Take(to);
        var finals = all.OfType<SipResponse>().Where(r => r.StatusCode >= 200).ToList();
        Assert.True(finals.Count >= 1, $"expected a final response to {to}, got: {string.Join(" | ", all)}");
        return finals[^1];
    }

    public SipRequest CallerInvite(string user = WorkerNumber, string? body = CallerOffer)
    {
        var invite = CallerRequest("INVITE", 1, NewBranch(), toTag: null, user);
        if (body is not null)
        {
            invite.Headers.Add(SipHeaderNames.ContentType, "application/sdp");
            invite.Body = Encoding.ASCII.GetBytes(body);
        }
        return invite;
    }

    public SipRequest CallerRequest(string method, long cseq, string branch, string? toTag, string user = WorkerNumber)
    {
        var request = new SipRequest(method, SipUri.Create("sip", user, Server.Address.ToString()));
        request.Headers.Add(SipHeaderNames.Via, $"SIP/2.0/UDP {Caller};branch={branch}");
        request.Headers.Add(SipHeaderNames.MaxForwards, "70");
        request.Headers.Add(SipHeaderNames.From, "<sip:caller@198.51.100.10>;tag=caller-tag");
        request.Headers.Add(SipHeaderNames.To, $"<sip:{user}@{Server.Address}>" + (toTag is null ? "" : $";tag={toTag}"));
        request.Headers.Add(SipHeaderNames.CallId, "caller-call-1");
        request.Headers.Add(SipHeaderNames.CSeq, $"{cseq} {method}");
        request.Headers.Add(SipHeaderNames.Contact, $"<sip:caller@{Caller}>");
        return request;
    }

    /// <summary>The caller's CANCEL for its INVITE (RFC 3261 §9.1: same branch, same CSeq number).</summary>
    public static SipRequest CancelFor(SipRequest invite)
    {
        var cancel = new SipRequest("CANCEL", invite.RequestUri);
        foreach (var name in new[] { SipHeaderNames.Via, SipHeaderNames.MaxForwards, SipHeaderNames.From, SipHeaderNames.To, SipHeaderNames.CallId })
        {
            cancel.Headers.Add(name, invite.Headers[name]!);
        }
        cancel.Headers.Add(SipHeaderNames.CSeq, $"{invite.CSeq!.Value.Number} CANCEL");
        return cancel;
    }

    public string NewBranch() => $"z9hG4bK-test-{++_branches}";

    /// <summary>A phone's answer to a request it received from the B2BUA.</summary>
    public static SipResponse Answer(SipRequest request, int status, string toTag, string? body = null)
    {
        var response = request.CreateResponse(status, null, toTag);
        response.Headers.Add(SipHeaderNames.Contact, $"<{request.RequestUri}>");
        if (body is not null)
        {
            response.Headers.Add(SipHeaderNames.ContentType, "application/sdp");
            response.Body = Encoding.ASCII.GetBytes(body);
        }
        return response;
    }

    /// <summary>A request a phone sends inside the dialog its 2xx formed (To/From swapped from the B2BUA's INVITE).</summary>
    public SipRequest PhoneRequest(string method, SipRequest invite, string phoneTag, long cseq, IPEndPoint phone)
    {
        var request = new SipRequest(method, SipUri.Create("sip", "dispatch", Server.Address.ToString(), Server.Port));
        request.Headers.Add(SipHeaderNames.Via, $"SIP/2.0/UDP {phone};branch={NewBranch()}");
        request.Headers.Add(SipHeaderNames.MaxForwards, "70");
        request.Headers.Add(SipHeaderNames.From, $"{invite.Headers[SipHeaderNames.To]};tag={phoneTag}");
        request.Headers.Add(SipHeaderNames.To, invite.Headers[SipHeaderNames.From]!);
        request.Headers.Add(SipHeaderNames.CallId, invite.CallId!);
        request.Headers.Add(SipHeaderNames.CSeq, $"{cseq} {method}");
        return request;
    }

    public string Body(SipMessage message) => Encoding.ASCII.GetString(message.Body.Span);

    private sealed class LambdaTargets(Func<string, ValueTask<SipCallTarget?>> resolve) : ISipCallTargets
    {
        public ValueTask<SipCallTarget?> Resolve(string user) => resolve(user);
    }
}
