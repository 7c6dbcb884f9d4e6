using Dispatch.Media.Sip.Messages;

namespace Dispatch.Media.Sip.Transactions.Internal;

/// <summary>
/// RFC 3261 §17.1.1.3: the ACK a client INVITE transaction sends for a 300-699 response. It reuses the
/// INVITE's Request-URI, Call-ID, From, top Via (same branch) and Route, takes To from the response, and
/// carries the INVITE's CSeq number with method ACK.
/// </summary>
internal static class AckForFailure
{
    public static SipRequest Build(SipRequest invite, SipResponse response)
    {
        var ack = new SipRequest("ACK", invite.RequestUri);
        if (invite.TopVia is { } via)
        {
            ack.Headers.Add(SipHeaderNames.Via, via.ToString());
        }
        ack.Headers.Add(SipHeaderNames.MaxForwards, "70");
        Copy(invite.Headers, ack, SipHeaderNames.From);
        ack.Headers.Add(SipHeaderNames.To, response.Headers[SipHeaderNames.To] ?? invite.Headers[SipHeaderNames.To] ?? "");
        Copy(invite.Headers, ack, SipHeaderNames.CallId);
        ack.Headers.Add(SipHeaderNames.CSeq, $"{invite.CSeq?.Number ?? 0} ACK");
        foreach (var route in invite.Headers.All(SipHeaderNames.Route))
        {
            ack.Headers.Add(SipHeaderNames.Route, route);
        }
        return ack;
    }

    private static void Copy(SipHeaders from, SipRequest to, string name)
    {
        if (from[name] is { } value)
        {
            to.Headers.Add(name, value);
        }
    }
}
