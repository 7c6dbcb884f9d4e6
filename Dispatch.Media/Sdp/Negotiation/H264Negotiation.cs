namespace Dispatch.Media.Sdp.Negotiation;

/// <summary>
/// H.264 offer/answer rules of RFC 6184 §8.2.2 for one offered payload type against one local configuration:
/// <list type="bullet">
/// <item>packetization-mode must be equal (absent means 0, §8.1): each mode is a separate configuration;</item>
/// <item>the profile (profile_idc with its constraint flags) must be the same;</item>
/// <item>the level may differ: with level-asymmetry-allowed=1 on both sides each side states the level it can
/// receive, so we answer our own level; otherwise the answer may not exceed the offer, so we answer the lower.</item>
/// </list>
/// </summary>
public static class H264Negotiation
{
    /// <summary>The fmtp parameters to answer with, or null when the offered configuration is not acceptable.</summary>
    public static string? AnswerParameters(IReadOnlyDictionary<string, string> offered, IReadOnlyDictionary<string, string> local)
    {
        if (Mode(offered) != Mode(local)) return null;
        if (!H264ProfileLevelId.TryParse(offered.GetValueOrDefault("profile-level-id"), out var remote)) return null;
        if (!H264ProfileLevelId.TryParse(local.GetValueOrDefault("profile-level-id"), out var ours)) return null;
        if (!remote.SameProfileAs(ours)) return null;

        var asymmetric = Flag(offered, "level-asymmetry-allowed") && Flag(local, "level-asymmetry-allowed");
        var level = asymmetric ? ours.Level : Math.Min(ours.Level, remote.Level);
        var answered = remote.WithLevel(level);

        var parameters = new List<KeyValuePair<string, string>>();
        if (asymmetric) parameters.Add(new("level-asymmetry-allowed", "1"));
        parameters.Add(new("packetization-mode", Mode(local)));
        parameters.Add(new("profile-level-id", answered.ToString()));
        return Attributes.Fmtp.Format(parameters);
    }

    private static string Mode(IReadOnlyDictionary<string, string> p) => p.GetValueOrDefault("packetization-mode", "0");

    private static bool Flag(IReadOnlyDictionary<string, string> p, string name) => p.GetValueOrDefault(name) == "1";
}
