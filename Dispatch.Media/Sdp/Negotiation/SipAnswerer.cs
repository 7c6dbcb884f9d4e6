using Dispatch.Media.Sdp.Attributes;

namespace Dispatch.Media.Sdp.Negotiation;

/// <summary>
/// Answers a SIP phone's RTP/AVP (or RTP/AVPF) offer per RFC 3264 §6 with no ICE or DTLS: the first audio
/// section gets G.711 and telephone-event, the first video section H.264 when we have a video port; anything
/// else (SDES-SRTP, a second stream of a kind, an unknown medium) gets port 0 with the reason recorded.
/// </summary>
public static class SipAnswerer
{
    public static NegotiationResult CreateAnswer(SessionDescription offer, SipAnswerOptions options)
    {
        var answer = new SessionDescription
        {
            Origin = new Origin("-", options.SessionId, options.SessionVersion, "IN",
                options.Address.Contains(':') ? "IP6" : "IP4", options.Address),
            Connection = ConnectionData.ForAddress(options.Address),
        };
        answer.Timings.Add(Timing.Unbounded());

        var media = new List<NegotiatedMedia>();
        var taken = new HashSet<string>();
        for (var i = 0; i < offer.Media.Count; i++)
        {
            var offered = offer.Media[i];
            var outcome = Negotiate(i, offered, offer, options, taken);
            media.Add(AnswerSections.RemoteFacts(outcome, offered, offer));
            answer.Media.Add(outcome.Accepted ? Accepted(offered, outcome, options) : AnswerSections.Rejected(offered));
        }
        return new NegotiationResult(answer, media);
    }

    private static NegotiatedMedia Negotiate(int index, MediaDescription offered, SessionDescription offer, SipAnswerOptions options, HashSet<string> taken)
    {
        var result = new NegotiatedMedia(index, offered.Mid(), offered.Media);
        string? reason =
            offered.Port == 0 ? "the offer itself disabled this section (port 0)"
            : offered.Media is not ("audio" or "video") ? $"media type '{offered.Media}' is not supported"
            : !IsPlainRtp(offered.Protocol) ? $"protocol '{offered.Protocol}' is not plain RTP/AVP or RTP/AVPF"
            : offered.Media == "video" && options.VideoPort is null ? "video is not offered on this leg"
            : taken.Contains(offered.Media) ? $"only one {offered.Media} stream per call"
            : null;
        if (reason is not null) return result with { RejectionReason = reason };

        var codecs = CodecMatcher.Match(offered, options.Capabilities, options.SingleCodec);
        if (!codecs.Any(c => !c.IsTelephoneEvent))
            return result with { RejectionReason = $"no {offered.Media} codec in common with the offer" };
        taken.Add(offered.Media);
        return result with
        {
            Direction = offered.Direction(offer).AnswerTo(options.Direction),
            Codecs = codecs,
            RtcpMux = offered.RtcpMux(),
        };
    }

    /// <summary>RFC 3551 RTP/AVP and RFC 4585 RTP/AVPF; SAVP(F) would need SDES keys we do not do.</summary>
    private static bool IsPlainRtp(string protocol) =>
        string.Equals(protocol, "RTP/AVP", StringComparison.OrdinalIgnoreCase) ||
        string.Equals(protocol, "RTP/AVPF", StringComparison.OrdinalIgnoreCase);

    private static MediaDescription Accepted(MediaDescription offered, NegotiatedMedia outcome, SipAnswerOptions options)
    {
        var port = offered.Media == "video" ? options.VideoPort!.Value : options.AudioPort;
        var m = new MediaDescription(offered.Media, port, offered.Protocol, AnswerSections.Formats(outcome.Codecs));
        if (outcome.Mid is not null) m.Attributes.Add(new SdpAttribute("mid", outcome.Mid));
        AnswerSections.AddCodecLines(m.Attributes, outcome.Codecs);
        // RFC 4566 §6: ptime is a receiver's wish; echo the phone's, 20 ms when it states none.
        if (offered.Media == "audio") m.Attributes.Add(new SdpAttribute("ptime", offered.Attributes.ValueOf("ptime") ?? "20"));
        // RFC 5761 §5.1.1: mux only when offered.
        if (outcome.RtcpMux) m.Attributes.Add(new SdpAttribute("rtcp-mux"));
        m.Attributes.Add(new SdpAttribute(outcome.Direction.ToSdp()));
        return m;
    }
}
