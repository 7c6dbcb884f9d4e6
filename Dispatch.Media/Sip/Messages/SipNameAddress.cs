using System.Diagnostics.CodeAnalysis;
using System.Text;
using Dispatch.Media.Sip.Messages.Internal;

namespace Dispatch.Media.Sip.Messages;

/// <summary>
/// The value of From, To, Contact, Route and Record-Route (RFC 3261 §20.10, §20.20, §20.39):
/// <c>[display-name] &lt;uri&gt; *(;param)</c> or a bare addr-spec followed by parameters.
/// </summary>
public sealed class SipNameAddress
{
    public SipNameAddress(SipUri uri, string? displayName = null)
    {
        Uri = uri;
        DisplayName = displayName;
    }

    /// <summary>The display name without quotes or quoted-pair escapes, or null.</summary>
    public string? DisplayName { get; }

    public SipUri Uri { get; }

    public SipParameters Parameters { get; private init; } = new();

    public string? Tag => Parameters["tag"];

    public static bool TryParse(string value, [NotNullWhen(true)] out SipNameAddress? address) =>
        TryRead(value, build: true, out address) && address is not null;

    /// <summary>
    /// The syntax check of <see cref="TryParse"/> alone, without objects or strings: what the parser does for fields it
    /// must reject when malformed but that a request may never read (From, and Contact on a challenged REGISTER); the
    /// message parses them on first access.
    /// </summary>
    internal static bool IsValid(ReadOnlySpan<char> value) => TryRead(value, build: false, out _);

    /// <param name="build">False to check only; <paramref name="address"/> is then null even when the value is valid.</param>
    private static bool TryRead(ReadOnlySpan<char> s, bool build, out SipNameAddress? address)
    {
        address = null;
        var i = SipSyntax.SkipWhitespace(s, 0);
        string? displayName = null;
        int uriStart, uriEnd, afterUri;
        if (i < s.Length && s[i] == '"')
        {
            var end = SipSyntax.ScanQuotedString(s, i);
            if (end < 0)
            {
                return false;
            }
            displayName = build ? SipSyntax.Unquote(s[i..end]) : "";
            i = SipSyntax.SkipWhitespace(s, end);
            if (i >= s.Length || s[i] != '<')
            {
                return false;
            }
        }
        var laquot = IndexOfUnquoted(s, i, '<');
        if (laquot >= 0)
        {
            // display-name = *(token LWS) when unquoted (§25.1): anything else, such as a comma, is malformed.
            var unquoted = s[i..laquot].Trim(" \t");
            foreach (var c in unquoted)
            {
                if (!SipSyntax.IsTokenChar(c) && !SipSyntax.IsWhitespace(c))
                {
                    return false;
                }
            }
            if (displayName is null && !unquoted.IsEmpty && build)
            {
                displayName = unquoted.ToString();
            }
            var raquot = s[laquot..].IndexOf('>');
            if (raquot < 0)
            {
                return false;
            }
            uriStart = laquot + 1;
            uriEnd = laquot + raquot;
            afterUri = uriEnd + 1;
        }
        else
        {
            // addr-spec without brackets: the URI ends at the first ';' and, per §20, may hold no '?', ',' or ';'.
            uriStart = i;
            var semi = s[i..].IndexOf(';');
            uriEnd = semi < 0 ? s.Length : i + semi;
            while (uriEnd > uriStart && SipSyntax.IsWhitespace(s[uriEnd - 1]))
            {
                uriEnd--;
            }
            afterUri = uriEnd;
            if (s[uriStart..uriEnd].IndexOfAny('?', ',') >= 0)
            {
                return false;
            }
        }
        if (!build)
        {
            return SipUri.IsValid(s[uriStart..uriEnd]) && SipParameters.TryReadHeaderParameters(s, afterUri, null);
        }
        if (!SipUri.TryParse(s[uriStart..uriEnd], out var uri)
            || !SipParameters.TryParseHeaderParameters(s, afterUri, out var parameters))
        {
            return false;
        }
        address = new SipNameAddress(uri, displayName) { Parameters = parameters };
        return true;
    }

    private static int IndexOfUnquoted(ReadOnlySpan<char> s, int from, char target)
    {
        for (var i = from; i < s.Length; i++)
        {
            if (s[i] == '"')
            {
                var end = SipSyntax.ScanQuotedString(s, i);
                if (end < 0)
                {
                    return -1;
                }
                i = end - 1;
            }
            else if (s[i] == target)
            {
                return i;
            }
        }
        return -1;
    }

    public SipNameAddress WithParameter(string name, string? value)
    {
        var copy = new SipNameAddress(Uri, DisplayName) { Parameters = new SipParameters() };
        foreach (var (n, v) in Parameters.Items)
        {
            copy.Parameters.Set(n, v);
        }
        copy.Parameters.Set(name, value);
        return copy;
    }

    public override string ToString() => ToString(except: null);

    /// <summary>The written form without the parameter named <paramref name="except"/> (the registrar stores Contacts without expires).</summary>
    internal string ToString(string? except)
    {
        var sb = new StringBuilder(96); // one chunk for a typical Contact or From
        if (DisplayName is not null)
        {
            sb.Append('"').Append(DisplayName.Replace("\\", "\\\\").Replace("\"", "\\\"")).Append("\" ");
        }
        Uri.AppendTo(sb.Append('<')).Append('>');
        Parameters.AppendTo(sb, except);
        return sb.ToString();
    }
}
