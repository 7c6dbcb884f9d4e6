using System.Diagnostics.CodeAnalysis;

namespace Dispatch.Media.Sdp.Attributes;

/// <summary><c>a=group:&lt;semantics&gt; *(SP &lt;mid&gt;)</c> (RFC 5888 §5); <c>BUNDLE</c> per RFC 9143.</summary>
public sealed record Group(string Semantics, IReadOnlyList<string> Mids)
{
    public const string Name = "group";
    public const string Bundle = "BUNDLE";

    public bool Equals(Group? other) =>
        other is not null && Semantics == other.Semantics && Mids.SequenceEqual(other.Mids);

    public override int GetHashCode() => HashCode.Combine(Semantics, Mids.Count);

    public static bool TryParse(string? value, [NotNullWhen(true)] out Group? group)
    {
        group = null;
        var w = value is null ? [] : SdpTokens.Words(value);
        if (w.Length == 0) return false;
        group = new Group(w[0], w[1..]);
        return true;
    }

    public bool IsBundle => string.Equals(Semantics, Bundle, StringComparison.OrdinalIgnoreCase);

    public SdpAttribute ToAttribute() => new(Name, ToString());

    public override string ToString() => Mids.Count == 0 ? Semantics : Semantics + " " + string.Join(' ', Mids);
}
