using Dispatch.Media.Sdp.Attributes;

namespace Dispatch.Media.Sdp.Negotiation;

/// <summary>Pieces of an answer's m= sections shared by the WebRTC and SIP answerers.</summary>
internal static class AnswerSections
{
    /// <summary>
    /// RFC 3264 §6 and RFC 8829 §5.3.1: a rejected section keeps media type, proto and formats, gets port 0,
    /// and keeps its mid so that both sides can still tell the sections apart.
    /// </summary>
    public static MediaDescription Rejected(MediaDescription offered)
    {
        var m = new MediaDescription(offered.Media, 0, offered.Protocol, offered.Formats);
        m.Connections.Add(ConnectionData.Ip4("0.0.0.0"));
        if (offered.Mid() is { } mid) m.Attributes.Add(new SdpAttribute("mid", mid));
        return m;
    }

    /// <summary>The m= line formats: each codec followed by its rtx payload type.</summary>
    public static IEnumerable<string> Formats(IEnumerable<NegotiatedCodec> codecs) =>
        codecs.SelectMany(c => c.RtxPayloadType is { } rtx ? [c.PayloadType.ToString(), rtx.ToString()] : new[] { c.PayloadType.ToString() });

    /// <summary>rtpmap, rtcp-fb and fmtp lines per codec (RFC 8866 §6.6, RFC 4585 §4.2, RFC 8866 §6.15), then its rtx (RFC 4588 §8.6).</summary>
    public static void AddCodecLines(List<SdpAttribute> attributes, IEnumerable<NegotiatedCodec> codecs)
    {
        foreach (var c in codecs)
        {
            attributes.Add(new RtpMap(c.PayloadType, c.Name, c.ClockRate, c.Channels).ToAttribute());
            foreach (var fb in c.Feedback)
            {
                var space = fb.IndexOf(' ');
                var feedback = space < 0 ? new RtcpFeedback(c.PayloadType, fb) : new RtcpFeedback(c.PayloadType, fb[..space], fb[(space + 1)..]);
                attributes.Add(feedback.ToAttribute());
            }
            if (c.Parameters.Length > 0) attributes.Add(new Fmtp(c.PayloadType, c.Parameters).ToAttribute());
            if (c.RtxPayloadType is { } rtx)
            {
                attributes.Add(new RtpMap(rtx, "rtx", c.ClockRate).ToAttribute());
                attributes.Add(new Fmtp(rtx, "apt=" + c.PayloadType).ToAttribute());
            }
        }
    }

    /// <summary>RFC 8285 §7: echo only offered extensions we support, same id; a one-way offer gets the reverse direction.</summary>
    public static List<ExtMap> EchoedExtensions(MediaDescription offered, MediaCapabilities local)
    {
        var supported = local.ExtensionsFor(offered.Media);
        return offered.ExtMaps()
            .Where(e => supported.Contains(e.Uri, StringComparer.Ordinal))
            .GroupBy(e => e.Id).Select(g => g.First())
            .Select(e => new ExtMap(e.Id, e.Uri, e.Direction?.Reverse()))
            .ToList();
    }

    /// <summary>
    /// RFC 9143 §9.2 (and RFC 8285 §6): within one BUNDLE group an extension id means one URI. An offer that
    /// reuses an id for another URI in a later section gets that extension dropped from the answer there
    /// (Chromium rejects an answer with such a clash). <paramref name="seen"/> carries ids across sections.
    /// </summary>
    public static List<ExtMap> UniqueInBundle(IEnumerable<ExtMap> extensions, Dictionary<int, string> seen)
    {
        var kept = new List<ExtMap>();
        foreach (var e in extensions)
        {
            if (seen.TryGetValue(e.Id, out var uri) && uri != e.Uri)
            {
                continue;
            }
            seen[e.Id] = e.Uri;
            kept.Add(e);
        }
        return kept;
    }

    /// <summary>RFC 8866 §5.7: media-level c= overrides session-level c=.</summary>
    public static string? RemoteAddress(MediaDescription m, SessionDescription s) =>
        (m.Connections.FirstOrDefault() ?? s.Connection)?.Address;

    public static NegotiatedMedia RemoteFacts(NegotiatedMedia media, MediaDescription m, SessionDescription s) => media with
    {
        RemoteSsrcs = m.Ssrcs().Select(x => x.Ssrc).Distinct().ToList(),
        RemoteSsrcGroups = m.SsrcGroups().ToList(),
        RemoteMsid = m.Msids().FirstOrDefault() ?? m.Ssrcs().Where(x => x.Attribute == "msid" && x.Value is not null)
            .Select(x => Msid.TryParse(x.Value, out var id) ? id : null).FirstOrDefault(x => x is not null),
        RemoteAddress = RemoteAddress(m, s),
        RemotePort = m.Port,
    };
}
