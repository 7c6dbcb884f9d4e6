namespace Dispatch.Media.Sdp.Negotiation;

/// <summary>
/// Picks, from the codecs of a received m= section, those we support, keeping the remote payload type numbers
/// (RFC 3264 §6.1) and ordering them by our preference. Telephone events are kept when their clock matches
/// a chosen audio codec (RFC 4733 §2.1); rtx streams when their apt= names a chosen codec (RFC 4588 §8.6).
/// </summary>
internal static class CodecMatcher
{
    public static List<NegotiatedCodec> Match(MediaDescription remote, MediaCapabilities local, bool singleCodec = false)
    {
        var offered = OfferedCodec.From(remote);
        var chosen = new List<NegotiatedCodec>();
        foreach (var capability in local.Codecs.Where(c => c.Kind == remote.Media && !c.IsTelephoneEvent))
        {
            foreach (var codec in offered)
            {
                if (chosen.Any(c => c.PayloadType == codec.PayloadType)) continue;
                if (TryAccept(codec, capability) is { } accepted) chosen.Add(accepted);
            }
        }
        if (singleCodec && chosen.Count > 1) chosen.RemoveRange(1, chosen.Count - 1);

        var clocks = chosen.Select(c => c.ClockRate).ToHashSet();
        foreach (var capability in local.Codecs.Where(c => c.Kind == remote.Media && c.IsTelephoneEvent))
        {
            var events = offered.FirstOrDefault(o =>
                o.Is("telephone-event") && o.ClockRate == capability.ClockRate && clocks.Contains(o.ClockRate));
            if (events is not null && chosen.All(c => c.PayloadType != events.PayloadType))
            {
                // RFC 4733 §2.4.1: echo the offered event list; absent, both sides assume 0-15.
                chosen.Add(new NegotiatedCodec(events.PayloadType, events.Name, events.ClockRate, events.Channels, events.Parameters, []));
            }
        }

        return local.Retransmission ? PairRetransmission(chosen, offered) : chosen;
    }

    private static NegotiatedCodec? TryAccept(OfferedCodec offered, CodecCapability local)
    {
        if (!offered.Is(local.Name) || offered.ClockRate != local.ClockRate) return null;
        // RFC 8866 §6.6: the channel count defaults to one when absent.
        if ((offered.Channels ?? 1) != (local.Channels ?? 1)) return null;
        var parameters = local.Parameters;
        if (local.IsH264)
        {
            parameters = H264Negotiation.AnswerParameters(offered.ParameterMap, Attributes.Fmtp.ParseParameters(local.Parameters));
            if (parameters is null) return null;
        }
        var feedback = offered.Feedback.Where(f => local.Feedback.Contains(f, StringComparer.OrdinalIgnoreCase)).ToList();
        return new NegotiatedCodec(offered.PayloadType, offered.Name, offered.ClockRate, offered.Channels, parameters, feedback);
    }

    private static List<NegotiatedCodec> PairRetransmission(List<NegotiatedCodec> chosen, List<OfferedCodec> offered)
    {
        var paired = new List<NegotiatedCodec>(chosen.Count);
        foreach (var codec in chosen)
        {
            var rtx = offered.FirstOrDefault(o =>
                o.Is("rtx") && o.ClockRate == codec.ClockRate &&
                o.ParameterMap.TryGetValue("apt", out var apt) && apt == codec.PayloadType.ToString());
            paired.Add(rtx is null || codec.IsTelephoneEvent ? codec : codec with { RtxPayloadType = rtx.PayloadType });
        }
        return paired;
    }
}
