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
    /// With <paramref name="video"/>, a second section offers the one H.264 format on the video leg's port; the
    /// phone's answer to it is <see cref="NegotiatedVideo"/> (this leg carries the audio only).
    /// </summary>
    public SessionDescription CreateOffer(SipVideoOffer? video = null)
    {
        var audio = MediaCapabilities.Sip.Without("video");
        var offer = SipOfferer.CreateOffer(new SipOfferOptions
        {
            SessionId = _options.SessionId,
            Address = _options.Address,
            AudioPort = _options.RtpPort,
            VideoPort = video?.RtpPort,
            Capabilities = video is null ? audio : audio with { Codecs = [.. audio.Codecs, video.Codec] },
        });
        foreach (var section in offer.Media)
        {
            section.Attributes.Add(new SdpAttribute("rtcp-mux"));
        }
        _offer = offer;
        return offer;
    }

    /// <summary>The phone's answer to the offered video section (accepted or why not); null when none was offered.</summary>
    public NegotiatedMedia? NegotiatedVideo { get; private set; }

    /// <summary>
    /// Starts this leg as the video leg of a session whose SDP another leg negotiated: RTP and RTCP go to the
    /// section's address (RFC 3264 §6), then to the latched source (RFC 4961) as for audio.
    /// </summary>
    public void AcceptVideo(NegotiatedMedia video)
    {
        var (rtp, rtcp) = RemoteEndpoints(video);
        Start(new PlainRtpNegotiation(default, null, rtp, rtcp, video.RtcpMux));
    }

    /// <summary>Reads the phone's answer to <see cref="CreateOffer"/>; false with a reason when there is no usable audio.</summary>
    public bool AcceptAnswer(SessionDescription answer, out string? error)
    {
        if (_offer is null)
        {
            error = "no offer was made on this leg";
            return false;
        }
        var result = SipOfferer.ReadAnswer(_offer, answer);
        NegotiatedVideo = result.Media.FirstOrDefault(m => m.Kind == "video");
        return Accept(result, out error);
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
        var (rtp, rtcp) = RemoteEndpoints(audio);
        var events = audio.TelephoneEvents.FirstOrDefault();
        Start(new PlainRtpNegotiation(LawOf(codec), events is null ? null : (byte)events.PayloadType, rtp, rtcp, audio.RtcpMux));
        error = null;
        return true;
    }

    private static (IPEndPoint? Rtp, IPEndPoint? Rtcp) RemoteEndpoints(NegotiatedMedia section)
    {
        // c=0.0.0.0 (RFC 3264 §8.4 hold, old style) or a missing address: wait for latching.
        if (IPAddress.TryParse(section.RemoteAddress, out var address) && !address.Equals(IPAddress.Any) && section.RemotePort > 0)
        {
            return (new IPEndPoint(address, section.RemotePort), new IPEndPoint(address, section.RtcpMux ? section.RemotePort : section.RemotePort + 1));
        }
        return (null, null);
    }
}
