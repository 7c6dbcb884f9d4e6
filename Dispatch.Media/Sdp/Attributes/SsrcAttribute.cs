using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Dispatch.Media.Sdp.Attributes;

/// <summary><c>a=ssrc:&lt;ssrc-id&gt; &lt;attribute&gt;[:&lt;value&gt;]</c> (RFC 5576 §4.1), e.g. <c>cname</c>, <c>msid</c>.</summary>
public sealed record SsrcAttribute(uint Ssrc, string Attribute, string? Value = null)
{
    public const string Name = "ssrc";

    public static bool TryParse(string? value, [NotNullWhen(true)] out SsrcAttribute? ssrc)
    {
        ssrc = null;
        if (value is null) return false;
        var space = value.IndexOf(' ');
        var idText = space < 0 ? value : value[..space];
        if (!uint.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return false;
        if (space < 0)
        {
            // RFC 5576 requires an attribute, but a bare SSRC still tells us the stream exists.
            ssrc = new SsrcAttribute(id, "");
            return true;
        }
        var rest = value[(space + 1)..];
        var colon = rest.IndexOf(':');
        ssrc = colon < 0 ? new SsrcAttribute(id, rest) : new SsrcAttribute(id, rest[..colon], rest[(colon + 1)..]);
        return true;
    }

    public SdpAttribute ToAttribute() => new(Name, ToString());

    public override string ToString() =>
        Attribute.Length == 0 ? Ssrc.ToString(CultureInfo.InvariantCulture)
        : Value is null ? $"{Ssrc} {Attribute}" : $"{Ssrc} {Attribute}:{Value}";
}
