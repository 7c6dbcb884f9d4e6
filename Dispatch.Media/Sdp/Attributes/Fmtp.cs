using System.Diagnostics.CodeAnalysis;

namespace Dispatch.Media.Sdp.Attributes;

/// <summary>
/// <c>a=fmtp:&lt;format&gt; &lt;format specific parameters&gt;</c> (RFC 8866 §6.15). The parameters are kept verbatim;
/// <see cref="Parameters"/> reads the common <c>key=value;key=value</c> form with case-insensitive keys.
/// A bare token without <c>=</c> (telephone-event's <c>0-15</c>, RFC 4733 §2.4.1) maps to an empty value.
/// </summary>
public sealed record Fmtp(int PayloadType, string ParameterText)
{
    public const string Name = "fmtp";

    public static bool TryParse(string? value, [NotNullWhen(true)] out Fmtp? fmtp)
    {
        fmtp = null;
        if (value is null) return false;
        var space = value.IndexOf(' ');
        var ptText = space < 0 ? value.AsSpan() : value.AsSpan(0, space);
        if (!SdpTokens.TryPayloadType(ptText, out var pt)) return false;
        fmtp = new Fmtp(pt, space < 0 ? "" : value[(space + 1)..].Trim());
        return true;
    }

    public static Fmtp FromParameters(int payloadType, IEnumerable<KeyValuePair<string, string>> parameters) =>
        new(payloadType, Format(parameters));

    public static string Format(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join(';', parameters.Select(p => p.Value.Length == 0 ? p.Key : p.Key + "=" + p.Value));

    public IReadOnlyDictionary<string, string> Parameters => ParseParameters(ParameterText);

    public static Dictionary<string, string> ParseParameters(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            if (eq < 0) result[part] = "";
            else result[part[..eq].Trim()] = part[(eq + 1)..].Trim();
        }
        return result;
    }

    public SdpAttribute ToAttribute() => new(Name, ToString());

    public override string ToString() => $"{PayloadType} {ParameterText}";
}
