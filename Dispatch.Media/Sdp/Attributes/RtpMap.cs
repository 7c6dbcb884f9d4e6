using System.Diagnostics.CodeAnalysis;

namespace Dispatch.Media.Sdp.Attributes;

/// <summary>
/// <c>a=rtpmap:&lt;payload type&gt; &lt;encoding name&gt;/&lt;clock rate&gt;[/&lt;encoding parameters&gt;]</c> (RFC 8866 §6.6).
/// For audio the encoding parameter is the channel count.
/// </summary>
public sealed record RtpMap(int PayloadType, string EncodingName, int ClockRate, int? Channels = null)
{
    public const string Name = "rtpmap";

    public static bool TryParse(string? value, [NotNullWhen(true)] out RtpMap? rtpMap)
    {
        rtpMap = null;
        if (value is null) return false;
        var space = value.IndexOf(' ');
        if (space <= 0 || !SdpTokens.TryPayloadType(value.AsSpan(0, space), out var pt)) return false;
        var parts = value[(space + 1)..].Trim().Split('/');
        if (parts.Length is < 2 or > 3 || parts[0].Length == 0) return false;
        if (!int.TryParse(parts[1], out var clock) || clock <= 0) return false;
        int? channels = null;
        if (parts.Length == 3)
        {
            if (!int.TryParse(parts[2], out var c) || c <= 0) return false;
            channels = c;
        }
        rtpMap = new RtpMap(pt, parts[0], clock, channels);
        return true;
    }

    public SdpAttribute ToAttribute() => new(Name, ToString());

    public override string ToString() =>
        $"{PayloadType} {EncodingName}/{ClockRate}{(Channels is { } c ? "/" + c : "")}";
}
