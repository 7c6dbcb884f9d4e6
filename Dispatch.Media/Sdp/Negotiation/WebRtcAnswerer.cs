using Dispatch.Media.Sdp.Attributes;

namespace Dispatch.Media.Sdp.Negotiation;

/// <summary>
/// Answers a browser's offer as an ICE-lite, DTLS-SRTP peer, following JSEP's initial answer (RFC 8829 §5.3.1):
/// <code>
///   offer m= sections ──► same count, same order, same mids
///     audio/video with a common codec ──► accepted: our ICE/DTLS attributes, echoed extmaps and rtcp-fb
///     data channel, unknown media, no codec, no fingerprint, no ICE credentials ──► port 0
///   offer BUNDLE group ──► the accepted mids, in the offer's order (RFC 9143 §7.3)
/// </code>
/// </summary>
public static class WebRtcAnswerer
{
    public static NegotiationResult CreateAnswer(SessionDescription offer, WebRtcAnswerOptions options)
    {
        var answer = new SessionDescription
        {
            Origin = new Origin("-", options.SessionId, options.SessionVersion, "IN", "IP4", "127.0.0.1"),
        };
        answer.Timings.Add(Timing.Unbounded());
        // RFC 8839 §5.3: ice-lite is a session-level attribute.
        answer.Attributes.Add(new SdpAttribute("ice-lite"));

        var media = new List<NegotiatedMedia>();
        RemoteTransport? transport = null;
        var offeredBundle = offer.Groups().Where(g => g.IsBundle).SelectMany(g => g.Mids).ToHashSet();
        var bundleExtensionIds = new Dictionary<int, string>();
        for (var i = 0; i < offer.Media.Count; i++)
        {
            var offered = offer.Media[i];
            var outcome = Negotiate(i, offered, offer, options);
            if (outcome.Accepted && outcome.Mid is not null && offeredBundle.Contains(outcome.Mid))
            {
                outcome = outcome with { HeaderExtensions = AnswerSections.UniqueInBundle(outcome.HeaderExtensions, bundleExtensionIds) };
            }
            media.Add(AnswerSections.RemoteFacts(outcome, offered, offer));
            answer.Media.Add(outcome.Accepted ? Accepted(offered, outcome, offer, options) : AnswerSections.Rejected(offered));
            if (outcome.Accepted) transport ??= Transport(offered, offer);
        }

        var accepted = media.Where(m => m.Accepted && m.Mid is not null).Select(m => m.Mid!).ToHashSet();
        var bundle = new List<string>();
        foreach (var group in offer.Groups().Where(g => g.IsBundle))
        {
            var mids = group.Mids.Where(accepted.Contains).ToList();
            if (mids.Count == 0) continue;
            answer.Attributes.Add(new Group(Group.Bundle, mids).ToAttribute());
            if (bundle.Count == 0) bundle = mids;
        }
        return new NegotiationResult(answer, media) { BundleMids = bundle, Transport = transport };
    }

    private static NegotiatedMedia Negotiate(int index, MediaDescription offered, SessionDescription offer, WebRtcAnswerOptions options)
    {
        var result = new NegotiatedMedia(index, offered.Mid(), offered.Media);
        var reason = RejectionReason(offered, offer);
        if (reason is not null) return result with { RejectionReason = reason };

        var codecs = CodecMatcher.Match(offered, options.Capabilities);
        if (!codecs.Any(c => !c.IsTelephoneEvent))
            return result with { RejectionReason = $"no {offered.Media} codec in common with the offer" };

        var wanted = offered.Media == "video" ? options.VideoDirection : options.AudioDirection;
        return result with
        {
            Direction = offered.Direction(offer).AnswerTo(wanted),
            Codecs = codecs,
            HeaderExtensions = AnswerSections.EchoedExtensions(offered, options.Capabilities),
            RtcpMux = true,
            RtcpReducedSize = offered.RtcpReducedSize(),
        };
    }

    private static string? RejectionReason(MediaDescription offered, SessionDescription offer)
    {
        // RFC 9143 §7.2: a bundle-only section has port 0 but is not rejected.
        if (offered.Port == 0 && !offered.Attributes.Has("bundle-only")) return "the offer itself disabled this section (port 0)";
        if (offered.IsDataChannel()) return "data channels are not supported";
        if (offered.Media is not ("audio" or "video")) return $"media type '{offered.Media}' is not supported";
        if (!offered.Protocol.EndsWith("RTP/SAVPF", StringComparison.OrdinalIgnoreCase) &&
            !offered.Protocol.EndsWith("RTP/SAVP", StringComparison.OrdinalIgnoreCase))
            return $"protocol '{offered.Protocol}' is not DTLS-SRTP (RFC 8829 §5.1.2 wants UDP/TLS/RTP/SAVPF)";
        if (offered.Fingerprint(offer) is null) return "no a=fingerprint: DTLS-SRTP cannot be verified (RFC 8122 §5)";
        if (offered.IceUfrag(offer) is null || offered.IcePwd(offer) is null) return "no a=ice-ufrag / a=ice-pwd (RFC 8839 §5.4)";
        if (SetupRoles.AnswerTo(offered.Setup(offer)) is null) return "a=setup:holdconn: no DTLS connection wanted (RFC 4145 §4)";
        if (!offered.RtcpMux()) return "no a=rtcp-mux: this endpoint multiplexes RTP and RTCP only (RFC 5761 §5.1.1)";
        return null;
    }

    private static MediaDescription Accepted(MediaDescription offered, NegotiatedMedia outcome, SessionDescription offer, WebRtcAnswerOptions options)
    {
        var first = options.Candidates.FirstOrDefault();
        var m = new MediaDescription(offered.Media, first?.Port ?? 9, offered.Protocol, AnswerSections.Formats(outcome.Codecs));
        m.Connections.Add(first is null ? ConnectionData.Ip4("0.0.0.0") : ConnectionData.ForAddress(first.Address));
        var a = m.Attributes;
        a.Add(new SdpAttribute("ice-ufrag", options.IceUfrag));
        a.Add(new SdpAttribute("ice-pwd", options.IcePwd));
        a.Add(options.Fingerprint.ToAttribute());
        a.Add(new SdpAttribute(SetupRoles.Name, SetupRoles.AnswerTo(offered.Setup(offer))!.Value.ToSdp()));
        if (outcome.Mid is not null) a.Add(new SdpAttribute("mid", outcome.Mid));
        a.AddRange(outcome.HeaderExtensions.Select(e => e.ToAttribute()));
        a.Add(new SdpAttribute(outcome.Direction.ToSdp()));

        var stream = outcome.Mid is not null && outcome.Direction.Sends() ? options.SendStreams.GetValueOrDefault(outcome.Mid) : null;
        if (stream is not null) a.Add(new Msid(stream.StreamId, stream.TrackId).ToAttribute());
        a.Add(new SdpAttribute("rtcp-mux"));
        if (outcome.RtcpReducedSize) a.Add(new SdpAttribute("rtcp-rsize"));
        AnswerSections.AddCodecLines(a, outcome.Codecs);
        if (stream is not null) AddSsrcLines(a, stream, outcome, options.Cname);

        a.AddRange(options.Candidates.Select(c => c.ToAttribute()));
        // RFC 8838 §8.2: an ICE-lite agent knows all its candidates up front.
        a.Add(new SdpAttribute("end-of-candidates"));
        return m;
    }

    /// <summary>RFC 5576 §4.1-4.2: cname per SSRC, and FID to tie the rtx SSRC to its media SSRC (RFC 4588 §8.6).</summary>
    private static void AddSsrcLines(List<SdpAttribute> a, LocalSendStream stream, NegotiatedMedia outcome, string cname)
    {
        var ssrcs = new List<uint> { stream.Ssrc };
        if (stream.RtxSsrc is { } rtx && outcome.Codecs.Any(c => c.RtxPayloadType is not null))
        {
            ssrcs.Add(rtx);
            a.Add(new SsrcGroup("FID", ssrcs).ToAttribute());
        }
        foreach (var ssrc in ssrcs)
        {
            a.Add(new SsrcAttribute(ssrc, "cname", cname).ToAttribute());
            a.Add(new SsrcAttribute(ssrc, "msid", new Msid(stream.StreamId, stream.TrackId).ToString()).ToAttribute());
        }
    }

    private static RemoteTransport Transport(MediaDescription offered, SessionDescription offer)
    {
        var setup = offered.Setup(offer);
        return new RemoteTransport(
            offered.IceUfrag(offer)!,
            offered.IcePwd(offer)!,
            offered.Fingerprint(offer)!,
            setup,
            SetupRoles.AnswerTo(setup)!.Value,
            offer.IceLite(),
            offered.Candidates().ToList());
    }
}
