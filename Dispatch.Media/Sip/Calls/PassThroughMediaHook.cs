using System.Globalization;
using System.Text;

namespace Dispatch.Media.Sip.Calls;

/// <summary>
/// The media hook until the WebRTC and call issues anchor media: bodies cross the B2BUA unchanged, and a
/// server-originated call offers a placeholder audio stream (PCMU/PCMA, <c>a=inactive</c>, port 9) so that the
/// phone can answer and the dialog can be set up, with no RTP flowing yet (RFC 4566, RFC 3264 §5.1).
/// </summary>
public sealed class PassThroughMediaHook(string connectionAddress = "127.0.0.1") : ISipMediaHook
{
    public SipSessionBody? Relay(SipCallInfo call, SipRelayDirection direction, SipSessionBody? body) => body;

    public SipSessionBody? OriginateOffer(SipCallInfo call)
    {
        var family = connectionAddress.Contains(':', StringComparison.Ordinal) ? "IP6" : "IP4";
        var session = Math.Abs(call.CallId.GetHashCode(StringComparison.Ordinal)).ToString(CultureInfo.InvariantCulture);
        var sdp = $"v=0\r\no=dispatch {session} 1 IN {family} {connectionAddress}\r\ns=Dispatch\r\nc=IN {family} {connectionAddress}\r\nt=0 0\r\n" +
            "m=audio 9 RTP/AVP 0 8\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=inactive\r\n";
        return new SipSessionBody("application/sdp", Encoding.ASCII.GetBytes(sdp));
    }

    public SipSessionBody? AnswerReoffer(SipCallInfo call, SipSessionBody? offer, SipSessionBody? lastSent) => lastSent;

    public void OnAnswered(SipCallInfo call, SipSessionBody? answer)
    {
    }

    public void OnEnded(SipCallInfo call)
    {
    }
}
