using System.Diagnostics.CodeAnalysis;

namespace Dispatch.Media.Sdp.Attributes;

/// <summary>
/// <c>a=rtcp-fb:&lt;pt|*&gt; &lt;type&gt; [&lt;parameter&gt;]</c> (RFC 4585 §4.2), e.g. <c>nack</c>, <c>nack pli</c>,
/// <c>ccm fir</c> (RFC 5104 §7.1), <c>goog-remb</c>, <c>transport-cc</c>. A null payload type means <c>*</c>.
/// </summary>
public sealed record RtcpFeedback(int? PayloadType, string Type, string? Parameter = null)
{
    public const string Name = "rtcp-fb";

    public static bool TryParse(string? value, [NotNullWhen(true)] out RtcpFeedback? feedback)
    {
        feedback = null;
        if (value is null) return false;
        var words = SdpTokens.Words(value);
        if (words.Length < 2) return false;
        int? pt = null;
        if (words[0] != "*")
        {
            if (!SdpTokens.TryPayloadType(words[0], out var p)) return false;
            pt = p;
        }
        feedback = new RtcpFeedback(pt, words[1], words.Length > 2 ? string.Join(' ', words[2..]) : null);
        return true;
    }

    /// <summary>The feedback kind without the payload type, e.g. <c>nack pli</c>.</summary>
    public string Kind => Parameter is null ? Type : Type + " " + Parameter;

    public SdpAttribute ToAttribute() => new(Name, ToString());

    public override string ToString() => $"{(PayloadType is { } p ? p.ToString() : "*")} {Kind}";
}
