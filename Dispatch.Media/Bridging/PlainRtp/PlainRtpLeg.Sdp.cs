using System.Net;
using Dispatch.Media.Sdp;
using Dispatch.Media.Sdp.Negotiation;

namespace Dispatch.Media.Bridging.PlainRtp;

/// <summary>The SDP side of a plain RTP leg, built on <see cref="SipOfferer"/> and <see cref="SipAnswerer"/>.</summary>
public sealed partial class PlainRtpLeg
{
    /// <summary>
    /// Our offer: m=audio &lt;port&gt; RTP/AVP 0 8 101 (PCMU, PCMA, telephone-event/8000), ptime 20, sendrecv, c= the
    /// node's address. rtcp-mux is offered too (RFC 5761 §5.1.1): a phone that ignores it gets RTCP on port + 1.
    /// </summary>
    public SessionDescription CreateOffer()
    {
        var offer = SipOfferer.CreateOffer(new SipOfferOptions
        {
            SessionId = _options.SessionId,
            Address = _options.Address,
            AudioPort = _options.RtpPort,
        });
        offer.Media[0].Attributes.Add(new SdpAttribute("rtcp-mux"));
        _offer = offer;
        return offer;
    }

    /// <summary>Reads the phone's answer to <see cref="CreateOffer"/>; false with a reason when there is no usable audio.</summary>
    public bool AcceptAnswer(SessionDescription answer, out string? error)
    {
        if (_offer is null)
        {
            error = "no offer was made on this leg";
            return false;
        }
        return Accept(SipOfferer.ReadAnswer(_offer, answer), out error);
    }

    /// <summary>Answers a phone's offer (phone-originated call); null with a reason when no audio can be agreed.</summary>
    public SessionDescription? AcceptOffer(SessionDescription offer, out string? error)
    {
        var result = SipAnswerer.CreateAnswer(offer, new SipAnswerOptions
        {
            SessionId = _options.SessionId,
            Address = _options.Address,
            AudioPort = _options.RtpPort,
        });
        return Accept(result, out error) ? result.LocalDescription : null;
    }

    private bool Accept(NegotiationResult result, out string? error)
    {
        var audio = result.Media.FirstOrDefault(m => m.Kind == "audio");
        if (audio is null)
        {
            error = "the session has no audio section";
            return false;
        }
        if (!audio.Accepted || audio.PreferredCodec is not { } codec)
        {
            error = $"audio was not agreed: {audio.RejectionReason ?? "no codec"}";
            return false;
        }
        if (!codec.Is("PCMU") && !codec.Is("PCMA"))
        {
            error = $"the bridge transcodes G.711 only, not {codec.Name}";
            return false;
        }
        IPEndPoint? rtp = null, rtcp = null;
        // c=0.0.0.0 (RFC 3264 §8.4 hold, old style) or a missing address: wait for latching.
        if (IPAddress.TryParse(audio.RemoteAddress, out var address) && !address.Equals(IPAddress.Any) && audio.RemotePort > 0)
        {
            rtp = new IPEndPoint(address, audio.RemotePort);
            rtcp = new IPEndPoint(address, audio.RtcpMux ? audio.RemotePort : audio.RemotePort + 1);
        }
        var events = audio.TelephoneEvents.FirstOrDefault();
        Start(new PlainRtpNegotiation(LawOf(codec), events is null ? null : (byte)events.PayloadType, rtp, rtcp, audio.RtcpMux));
        error = null;
        return true;
    }
}
