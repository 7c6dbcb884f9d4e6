namespace Dispatch.Gateway.Calls;

/// <summary>
/// What call signalling asks of the node's media: the seam between the call flow (CallGrain, hub, SIP forks) and
/// the packets (WebRTC legs, plain RTP legs to SIP phones, forwarding and the Opus/G.711 bridge). Every leg belongs
/// to one call; the server is always the ICE-lite answerer toward browsers and the offerer toward phones it rings.
/// <code>
///   dispatcher offer ─► OpenWebRtcLeg(call, "caller") ─► answer      worker answers ─► OpenWebRtcLeg(call, "callee")
///   phone rings      ─► CreateSipOffer(call, leg)     ─► INVITE      phone 200 OK   ─► AcceptSipAnswer(call, leg, sdp)
///   first answer wins ─► Join(call, "caller", winner) ─► media flows   hang-up / failure ─► Close(call)
/// </code>
/// Methods throw <see cref="CallMediaException"/> with a message that names the fault (bad SDP, unknown leg);
/// they never block on the network.
/// </summary>
public interface ICallMediaPlane
{
    /// <summary>
    /// Answers a browser's SDP offer with a new WebRTC leg (ICE-lite, DTLS-SRTP); returns the SDP answer.
    /// <paramref name="preferH264"/> lists H.264 first so the browser sends it: a call that may be answered by a SIP
    /// phone, which can be sent the video only as H.264 (passed through, never transcoded).
    /// </summary>
    string OpenWebRtcLeg(string callId, string legId, string sdpOffer, bool preferH264 = false);

    /// <summary>
    /// Answers a browser's re-offer on its open leg; new ICE credentials in it are an ICE restart (RFC 8445 §9) and the
    /// answer carries new ones of ours, while DTLS, SRTP, SSRCs and forwarding stay.
    /// </summary>
    string RenegotiateWebRtcLeg(string callId, string legId, string sdpOffer);

    /// <summary>
    /// A new plain-RTP leg for a SIP phone: the SDP offer (PCMU, PCMA, telephone-event) to send in the INVITE, plus an
    /// H.264 video section when a browser leg of the call sends H.264.
    /// </summary>
    string CreateSipOffer(string callId, string legId);

    /// <summary>The phone's SDP answer for a leg made by <see cref="CreateSipOffer"/>.</summary>
    void AcceptSipAnswer(string callId, string legId, string sdpAnswer);

    /// <summary>Connects two legs of a call both ways (forwarding between browsers, bridging a browser and a phone).</summary>
    void Join(string callId, string legA, string legB);

    /// <summary>Removes one leg (a phone that lost the race, a browser that left); unknown legs are ignored.</summary>
    void CloseLeg(string callId, string legId);

    /// <summary>Tears down every leg of a call; unknown calls are ignored.</summary>
    void Close(string callId);

    /// <summary>A leg lost its peer (consent expired, DTLS failed, no media) and was closed; signalling ends the call and says why.</summary>
    event Action<CallLegDropped>? LegDropped;
}
