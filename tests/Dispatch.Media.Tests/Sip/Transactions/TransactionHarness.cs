using System.Net;
using Dispatch.Media.Sip.Messages;
using Dispatch.Media.Sip.Transactions;
using Microsoft.Extensions.Time.Testing;

namespace Dispatch.Media.Tests.Sip.Transactions;

/// <summary>A transaction layer on a fake clock, with every output recorded at the virtual time it appeared.</summary>
internal sealed class TransactionHarness
{
    public static readonly SipDestination Udp = new(new IPEndPoint(IPAddress.Parse("192.0.2.10"), 5060), false);
    public static readonly SipDestination Tcp = new(new IPEndPoint(IPAddress.Parse("192.0.2.10"), 5060), true);

    private readonly DateTimeOffset _start;

    public TransactionHarness()
    {
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        _start = Clock.GetUtcNow();
        Layer = new SipTransactionLayer(Clock);
    }

    public FakeTimeProvider Clock { get; }

    public SipTransactionLayer Layer { get; }

    public List<(TimeSpan At, SipTransactionOutput Output)> Outputs { get; } = [];

    public TimeSpan Elapsed => Clock.GetUtcNow() - _start;

    /// <summary>Every message put on the wire; a response a finished transaction repeated from its kept bytes is parsed back.</summary>
    public IEnumerable<(TimeSpan At, SipMessage Message)> Sent => Outputs
        .Where(o => o.Output is SipSendMessage or SipSendBytes)
        .Select(o => (o.At, o.Output is SipSendBytes resent ? SipMessageParser.Parse(resent.Bytes).Message! : ((SipSendMessage)o.Output).Message));

    public IEnumerable<T> Events<T>() where T : SipTransactionOutput => Outputs.Select(o => o.Output).OfType<T>();

    public void Drain()
    {
        while (Layer.TryPollOutput(out var output))
        {
            Outputs.Add((Elapsed, output));
        }
    }

    /// <summary>Advances the fake clock in 50 ms steps, firing timers as a host loop would.</summary>
    public void Run(TimeSpan duration)
    {
        var end = Clock.GetUtcNow() + duration;
        while (Clock.GetUtcNow() < end)
        {
            Clock.Advance(TimeSpan.FromMilliseconds(50));
            Layer.HandleTimeout();
            Drain();
        }
    }

    public static SipRequest Request(string method, string branch = "z9hG4bKtest1")
    {
        var request = new SipRequest(method, SipUri.Create("sip", "bob", "example.com"));
        request.Headers.Add(SipHeaderNames.Via, $"SIP/2.0/UDP 192.0.2.1:5060;branch={branch}");
        request.Headers.Add(SipHeaderNames.MaxForwards, "70");
        request.Headers.Add(SipHeaderNames.From, "<sip:alice@example.com>;tag=a1");
        request.Headers.Add(SipHeaderNames.To, "<sip:bob@example.com>");
        request.Headers.Add(SipHeaderNames.CallId, "call-1@192.0.2.1");
        request.Headers.Add(SipHeaderNames.CSeq, $"1 {method}");
        return request;
    }

    /// <summary>The request as the peer would see it on the wire, parsed back.</summary>
    public static SipRequest OverTheWire(SipRequest request) => (SipRequest)SipMessageParser.Parse(request.ToBytes()).Message!;

    public static SipResponse OverTheWire(SipResponse response) => (SipResponse)SipMessageParser.Parse(response.ToBytes()).Message!;
}
