using Dispatch.Media.Sdp.Attributes;

namespace Dispatch.Media.Sdp.Negotiation;

/// <summary>One payload type of a received m= section with its rtpmap, fmtp and rtcp-fb lines gathered.</summary>
internal sealed record OfferedCodec(int PayloadType, string Name, int ClockRate, int? Channels, string Parameters, IReadOnlyList<string> Feedback)
{
    /// <summary>RFC 3551 §6 static payload types that may arrive without an rtpmap (SIP phones often omit it).</summary>
    private static readonly Dictionary<int, (string Name, int Clock)> StaticTypes = new()
    {
        [0] = ("PCMU", 8000),
        [3] = ("GSM", 8000),
        [4] = ("G723", 8000),
        [8] = ("PCMA", 8000),
        [9] = ("G722", 8000),
        [13] = ("CN", 8000),
        [18] = ("G729", 8000),
        [34] = ("H263", 90000),
    };

    public bool Is(string name) => string.Equals(Name, name, StringComparison.OrdinalIgnoreCase);

    public IReadOnlyDictionary<string, string> ParameterMap => Fmtp.ParseParameters(Parameters);

    public static List<OfferedCodec> From(MediaDescription m)
    {
        var maps = m.RtpMaps().GroupBy(r => r.PayloadType).ToDictionary(g => g.Key, g => g.First());
        var fmtps = m.Fmtps().GroupBy(f => f.PayloadType).ToDictionary(g => g.Key, g => g.First().ParameterText);
        var feedback = m.RtcpFeedbacks().ToList();
        var codecs = new List<OfferedCodec>();
        foreach (var format in m.Formats)
        {
            if (!int.TryParse(format, out var pt) || pt is < 0 or > 127) continue;
            string name;
            int clock;
            int? channels = null;
            if (maps.TryGetValue(pt, out var map)) (name, clock, channels) = (map.EncodingName, map.ClockRate, map.Channels);
            else if (StaticTypes.TryGetValue(pt, out var known)) (name, clock) = known;
            else continue;
            var fb = feedback.Where(f => f.PayloadType is null || f.PayloadType == pt).Select(f => f.Kind).Distinct().ToList();
            codecs.Add(new OfferedCodec(pt, name, clock, channels, fmtps.GetValueOrDefault(pt, ""), fb));
        }
        return codecs;
    }
}
