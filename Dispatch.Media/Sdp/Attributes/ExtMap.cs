using System.Diagnostics.CodeAnalysis;

namespace Dispatch.Media.Sdp.Attributes;

/// <summary>
/// <c>a=extmap:&lt;id&gt;[/&lt;direction&gt;] &lt;URI&gt; [&lt;extension attributes&gt;]</c> (RFC 8285 §8).
/// Ids 1-14 use the one-byte header form, 15 is reserved, and 16-255 need the two-byte form (§4.2, §4.3).
/// </summary>
public sealed record ExtMap(int Id, string Uri, MediaDirection? Direction = null, string? ExtensionAttributes = null)
{
    public const string Name = "extmap";

    public static bool TryParse(string? value, [NotNullWhen(true)] out ExtMap? extMap)
    {
        extMap = null;
        if (value is null) return false;
        var words = SdpTokens.Words(value);
        if (words.Length < 2) return false;
        var idPart = words[0];
        MediaDirection? direction = null;
        var slash = idPart.IndexOf('/');
        if (slash >= 0)
        {
            direction = MediaDirections.FromSdp(idPart[(slash + 1)..]);
            if (direction is null) return false;
            idPart = idPart[..slash];
        }
        if (!int.TryParse(idPart, System.Globalization.NumberStyles.None, null, out var id) || id is < 1 or > 255)
            return false;
        extMap = new ExtMap(id, words[1], direction, words.Length > 2 ? string.Join(' ', words[2..]) : null);
        return true;
    }

    public SdpAttribute ToAttribute() => new(Name, ToString());

    public override string ToString() =>
        $"{Id}{(Direction is { } d ? "/" + d.ToSdp() : "")} {Uri}{(ExtensionAttributes is null ? "" : " " + ExtensionAttributes)}";
}
