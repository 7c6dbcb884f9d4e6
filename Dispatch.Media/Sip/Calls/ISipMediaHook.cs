namespace Dispatch.Media.Sip.Calls;

/// <summary>
/// Where the B2BUA hands every session body (SDP) before it goes out on the other leg. Today
/// <see cref="PassThroughMediaHook"/> relays bodies unchanged, so media flows end to end between the phones; the
/// WebRTC gateway and the call / conference issues plug in here to anchor media (rewrite the SDP to point at a
/// Dispatch RTP endpoint, bridge to a browser, or join a mixer). Called under the SIP core's lock, so it must not block.
/// <code>
///   caller INVITE offer ─► Relay(ToCallee) ─► every fork        fork 18x/2xx answer ─► Relay(ToCaller) ─► caller
///   server-originated call ─► OriginateOffer ─► every fork       winning 2xx ─► OnAnswered      BYE/CANCEL/fail ─► OnEnded
/// </code>
/// </summary>
public interface ISipMediaHook
{
    /// <summary>The body to send on the other leg, or null for none.</summary>
    SipSessionBody? Relay(SipCallInfo call, SipRelayDirection direction, SipSessionBody? body);

    /// <summary>The offer of a call the server places itself (RFC 3264 §5), or null to let the callee offer in its 2xx.</summary>
    SipSessionBody? OriginateOffer(SipCallInfo call);

    /// <summary>
    /// The answer the B2BUA gives to a re-INVITE on one leg (it does not forward re-INVITEs). Given the new offer and
    /// the body last sent on that leg; returning the latter keeps the session as it is.
    /// </summary>
    SipSessionBody? AnswerReoffer(SipCallInfo call, SipSessionBody? offer, SipSessionBody? lastSent);

    /// <summary>A fork answered with a 2xx: its body (the answer to the offer, or a late offer).</summary>
    void OnAnswered(SipCallInfo call, SipSessionBody? answer);

    void OnEnded(SipCallInfo call);
}
