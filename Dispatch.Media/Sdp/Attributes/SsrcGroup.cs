using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Dispatch.Media.Sdp.Attributes;

/// <summary><c>a=ssrc-group:&lt;semantics&gt; *(SP &lt;ssrc-id&gt;)</c> (RFC 5576 §4.2); <c>FID</c> pairs media with its rtx (RFC 4588).</summary>
public sealed record SsrcGroup(string Semantics, IReadOnlyList<uint> Ssrcs)
{
    public const string Name = "ssrc-group";

    public bool Equals(SsrcGroup? other) =>
        other is not null && Semantics == other.Semantics && Ssrcs.SequenceEqual(other.Ssrcs);

    public override int GetHashCode() => HashCode.Combine(Semantics, Ssrcs.Count);

    public static bool TryParse(string? value, [NotNullWhen(true)] out SsrcGroup? group)
    {
        group = null;
        var w = value is null ? [] : SdpTokens.Words(value);
        if (w.Length == 0) return false;
        var ssrcs = new List<uint>();
        foreach (var s in w[1..])
        {
            if (!uint.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return false;
            ssrcs.Add(id);
        }
        group = new SsrcGroup(w[0], ssrcs);
        return true;
    }

    public SdpAttribute ToAttribute() => new(Name, ToString());

    public override string ToString() => Semantics + string.Concat(Ssrcs.Select(s => " " + s));
}
