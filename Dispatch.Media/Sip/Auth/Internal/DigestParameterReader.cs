using Dispatch.Media.Sip.Messages.Internal;

namespace Dispatch.Media.Sip.Auth.Internal;

/// <summary>
/// Reads <c>Digest name=value, name="quoted, value"</c> (RFC 3261 §25.1 challenge / credentials,
/// RFC 7616 §3.3-3.4) into a case-insensitive dictionary of unquoted values.
/// </summary>
internal static class DigestParameterReader
{
    public static Dictionary<string, string>? Read(string headerValue)
    {
        var s = headerValue.AsSpan().Trim(" \t");
        var space = s.IndexOfAny(' ', '\t');
        if (space < 0 || !s[..space].Equals("Digest", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = space;
        while (true)
        {
            i = SipSyntax.SkipWhitespace(s, i);
            if (i >= s.Length)
            {
                return result;
            }
            var nameStart = i;
            while (i < s.Length && SipSyntax.IsTokenChar(s[i]))
            {
                i++;
            }
            var name = s[nameStart..i].ToString();
            i = SipSyntax.SkipWhitespace(s, i);
            if (name.Length == 0 || i >= s.Length || s[i] != '=')
            {
                return null;
            }
            i = SipSyntax.SkipWhitespace(s, i + 1);
            string value;
            if (i < s.Length && s[i] == '"')
            {
                var end = SipSyntax.ScanQuotedString(s, i);
                if (end < 0)
                {
                    return null;
                }
                value = SipSyntax.Unquote(s[i..end]);
                i = end;
            }
            else
            {
                var valueStart = i;
                while (i < s.Length && s[i] != ',' && !SipSyntax.IsWhitespace(s[i]))
                {
                    i++;
                }
                value = s[valueStart..i].ToString();
            }
            result[name] = value;
            i = SipSyntax.SkipWhitespace(s, i);
            if (i < s.Length)
            {
                if (s[i] != ',')
                {
                    return null;
                }
                i++;
            }
        }
    }
}
