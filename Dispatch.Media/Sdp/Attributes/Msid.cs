using System.Diagnostics.CodeAnalysis;

namespace Dispatch.Media.Sdp.Attributes;

/// <summary><c>a=msid:&lt;stream id&gt; [&lt;track id&gt;]</c> (RFC 8830 §2); stream id <c>-</c> means no stream.</summary>
public sealed record Msid(string StreamId, string? TrackId = null)
{
    public const string Name = "msid";

    public static bool TryParse(string? value, [NotNullWhen(true)] out Msid? msid)
    {
        msid = null;
        var w = value is null ? [] : SdpTokens.Words(value);
        if (w.Length is 0 or > 2) return false;
        msid = new Msid(w[0], w.Length > 1 ? w[1] : null);
        return true;
    }

    public SdpAttribute ToAttribute() => new(Name, ToString());

    public override string ToString() => TrackId is null ? StreamId : StreamId + " " + TrackId;
}
