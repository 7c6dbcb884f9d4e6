using Dispatch.Media.Sdp.Attributes;

namespace Dispatch.Media.Sdp.Negotiation;

/// <summary>
/// Offers plain RTP/AVP toward a SIP phone (RFC 3264 §5) and reads its answer (§6, §7):
/// <code>
///   m=audio &lt;port&gt; RTP/AVP 0 8 101      PCMU, PCMA, telephone-event/8000 0-16
///   m=video &lt;port&gt; RTP/AVP 102          H.264 packetization-mode=1 (only with a video port),
///                                       a=rtcp-fb nack, nack pli, ccm fir
/// </code>
/// </summary>
public static class SipOfferer
{
    /// <summary>
    /// The RTCP feedback a phone's video may ask for: NACK and PLI (RFC 4585 §4.2) and FIR (RFC 5104 §7.1). Offered on
    /// RTP/AVP, as many phones do (RFC 8643 tells how an AVP offer may carry AVPF feedback), so a phone that reads
    /// rtcp-fb tells us in its answer whether it wants PLI or FIR; REMB and transport-cc are browser matters.
    /// </summary>
    public static readonly IReadOnlyList<string> PhoneVideoFeedback = ["nack", "nack pli", "ccm fir"];

    public static SessionDescription CreateOffer(SipOfferOptions options)
    {
        var offer = new SessionDescription
        {
            Origin = new Origin("-", options.SessionId, options.SessionVersion, "IN", AddressType(options.Address), options.Address),
            Connection = ConnectionData.ForAddress(options.Address),
        };
        offer.Timings.Add(Timing.Unbounded());
        offer.Media.Add(Section("audio", options.AudioPort, options));
        if (options.VideoPort is { } videoPort && options.Capabilities.Codecs.Any(c => c.Kind == "video"))
            offer.Media.Add(Section("video", videoPort, options));
        return offer;
    }

    /// <summary>
    /// What the phone accepted: per offered section, the codecs of the answer (with the answer's payload types,
    /// which are what the phone expects to receive) that we offered. Missing or port-0 sections are rejected.
    /// </summary>
    public static NegotiationResult ReadAnswer(SessionDescription offer, SessionDescription answer)
    {
        var media = new List<NegotiatedMedia>();
        for (var i = 0; i < offer.Media.Count; i++)
        {
            var ours = offer.Media[i];
            var result = new NegotiatedMedia(i, ours.Mid(), ours.Media);
            if (i >= answer.Media.Count)
            {
                media.Add(result with { RejectionReason = "the answer has no matching m= line (RFC 3264 §6)" });
                continue;
            }
            var theirs = answer.Media[i];
            if (theirs.Port == 0 || theirs.Media != ours.Media)
            {
                media.Add(result with { RejectionReason = "the answerer rejected this section (port 0)" });
                continue;
            }
            var codecs = CodecMatcher.Match(theirs, OfferedAsCapabilities(ours));
            result = codecs.Any(c => !c.IsTelephoneEvent)
                ? result with
                {
                    Codecs = codecs,
                    Direction = theirs.Direction(answer).Reverse(),
                    RtcpMux = theirs.RtcpMux(),
                }
                : result with { RejectionReason = "the answer lists no codec we offered" };
            media.Add(AnswerSections.RemoteFacts(result, theirs, answer));
        }
        return new NegotiationResult(offer, media);
    }

    private static MediaDescription Section(string kind, int port, SipOfferOptions options)
    {
        var codecs = options.Capabilities.Codecs.Where(c => c.Kind == kind)
            .Select(c => new NegotiatedCodec(c.PreferredPayloadType, c.Name, c.ClockRate, c.Channels, OfferParameters(c),
                [.. c.Feedback.Where(f => PhoneVideoFeedback.Contains(f, StringComparer.OrdinalIgnoreCase))]))
            .ToList();
        var m = new MediaDescription(kind, port, "RTP/AVP", AnswerSections.Formats(codecs));
        AnswerSections.AddCodecLines(m.Attributes, codecs);
        if (kind == "audio") m.Attributes.Add(new SdpAttribute("ptime", options.PacketTime.ToString()));
        m.Attributes.Add(new SdpAttribute(options.Direction.ToSdp()));
        return m;
    }

    /// <summary>RFC 6184 §8.2.2: level-asymmetry-allowed is a WebRTC habit; phones get the plain mode and profile.</summary>
    private static string OfferParameters(CodecCapability c) => c.IsH264
        ? Fmtp.Format(Fmtp.ParseParameters(c.Parameters).Where(p => p.Key != "level-asymmetry-allowed"))
        : c.Parameters;

    /// <summary>Our offered section, read back as the capabilities an answer must fit (feedback: what both sides listed).</summary>
    private static MediaCapabilities OfferedAsCapabilities(MediaDescription ours) => new(
        OfferedCodec.From(ours).Select(o => new CodecCapability(ours.Media, o.Name, o.ClockRate, o.Channels, o.Parameters, o.PayloadType, o.Feedback)).ToList(),
        [], [], Retransmission: false);

    private static string AddressType(string address) => address.Contains(':') ? "IP6" : "IP4";
}
