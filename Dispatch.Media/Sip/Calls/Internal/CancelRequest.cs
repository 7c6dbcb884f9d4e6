using Dispatch.Media.Sip.Messages;

namespace Dispatch.Media.Sip.Calls.Internal;

/// <summary>
/// RFC 3261 §9.1: a CANCEL copies the INVITE's Request-URI, Call-ID, To, From, Route and top Via (same branch) and
/// its CSeq number with method CANCEL.
/// </summary>
internal static class CancelRequest
{
    public static SipRequest For(SipRequest invite)
    {
        var cancel = new SipRequest("CANCEL", invite.RequestUri);
        cancel.Headers.Add(SipHeaderNames.Via, invite.TopVia!.ToString());
        cancel.Headers.Add(SipHeaderNames.MaxForwards, "70");
        foreach (var route in invite.Headers.All(SipHeaderNames.Route))
        {
            cancel.Headers.Add(SipHeaderNames.Route, route);
        }
        cancel.Headers.Add(SipHeaderNames.From, invite.Headers[SipHeaderNames.From]!);
        cancel.Headers.Add(SipHeaderNames.To, invite.Headers[SipHeaderNames.To]!);
        cancel.Headers.Add(SipHeaderNames.CallId, invite.CallId!);
        cancel.Headers.Add(SipHeaderNames.CSeq, new SipCSeq(invite.CSeq!.Value.Number, "CANCEL").ToString());
        return cancel;
    }
}
