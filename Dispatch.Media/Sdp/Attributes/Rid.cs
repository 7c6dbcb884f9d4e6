using System.Diagnostics.CodeAnalysis;

namespace Dispatch.Media.Sdp.Attributes;

/// <summary><c>a=rid:&lt;rid-id&gt; &lt;send|recv&gt; [&lt;restrictions&gt;]</c> (RFC 8851 §10). Parsed only: we do not answer simulcast yet.</summary>
public sealed record Rid(string Id, string Direction, string? Restrictions = null)
{
    public const string Name = "rid";

    public static bool TryParse(string? value, [NotNullWhen(true)] out Rid? rid)
    {
        rid = null;
        var w = value is null ? [] : SdpTokens.Words(value);
        if (w.Length < 2 || w[1] is not ("send" or "recv")) return false;
        rid = new Rid(w[0], w[1], w.Length > 2 ? string.Join(' ', w[2..]) : null);
        return true;
    }

    public override string ToString() => $"{Id} {Direction}{(Restrictions is null ? "" : " " + Restrictions)}";
}
