namespace Dispatch.Media.Sip.Messages.Internal;

/// <summary>Character classes and small scanners from the RFC 3261 §25.1 ABNF.</summary>
internal static class SipSyntax
{
    /// <summary>RFC 3261 §25.1: token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~").</summary>
    public static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '!' or '%' or '*' or '_' or '+' or '`' or '\'' or '~';

    public static bool IsToken(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty)
        {
            return false;
        }
        foreach (var c in s)
        {
            if (!IsTokenChar(c))
            {
                return false;
            }
        }
        return true;
    }

    public static bool IsWhitespace(char c) => c is ' ' or '\t';

    /// <summary>RFC 3261 §25.1 word, used by Call-ID: token characters plus a few separators.</summary>
    public static bool IsWordChar(char c) =>
        IsTokenChar(c) || c is '(' or ')' or '<' or '>' or ':' or '\\' or '"' or '/' or '[' or ']' or '?' or '{' or '}';

    /// <summary>gen-value = token / host / quoted-string; host adds ':' '[' ']' for IPv6 references.</summary>
    public static bool IsGenValueChar(char c) => IsTokenChar(c) || c is ':' or '[' or ']';

    public static int SkipWhitespace(ReadOnlySpan<char> s, int i)
    {
        while (i < s.Length && IsWhitespace(s[i]))
        {
            i++;
        }
        return i;
    }

    public static bool ContainsWhitespace(ReadOnlySpan<char> s) => s.IndexOfAny(' ', '\t') >= 0;

    /// <summary>
    /// Reads a quoted-string starting at <paramref name="i"/> (which must be a DQUOTE), honouring quoted-pairs
    /// (RFC 3261 §25.1). Returns the index after the closing quote, or -1 when it is not terminated.
    /// </summary>
    public static int ScanQuotedString(ReadOnlySpan<char> s, int i)
    {
        for (i++; i < s.Length; i++)
        {
            if (s[i] == '\\')
            {
                i++;
            }
            else if (s[i] == '"')
            {
                return i + 1;
            }
        }
        return -1;
    }

    /// <summary>Removes the quotes and quoted-pair backslashes of a quoted-string.</summary>
    public static string Unquote(ReadOnlySpan<char> quoted)
    {
        var inner = quoted[1..^1];
        if (inner.IndexOf('\\') < 0)
        {
            return inner.ToString();
        }
        var sb = new System.Text.StringBuilder(inner.Length);
        for (var i = 0; i < inner.Length; i++)
        {
            if (inner[i] == '\\' && i + 1 < inner.Length)
            {
                i++;
            }
            sb.Append(inner[i]);
        }
        return sb.ToString();
    }

    /// <summary>Parses 1*DIGIT without overflow; false for an empty, signed or too-large value.</summary>
    public static bool TryParseDigits(ReadOnlySpan<char> s, long max, out long value)
    {
        value = 0;
        if (s.IsEmpty)
        {
            return false;
        }
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
            value = value * 10 + (c - '0');
            if (value > max)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// True when <see cref="SplitList"/> would return <paramref name="value"/> itself as the only element (no comma, no
    /// surrounding whitespace), so a caller can skip the list: the usual Via, Contact or Route line holds one value.
    /// </summary>
    public static bool IsSingleElement(string value) =>
        value.Length > 0 && !IsWhitespace(value[0]) && !IsWhitespace(value[^1]) && !value.Contains(',');

    /// <summary>
    /// Splits a comma-separated header value into its elements (RFC 3261 §7.3.1), ignoring commas inside
    /// quoted strings and angle brackets. Elements are trimmed; an empty element is returned as empty.
    /// </summary>
    public static List<string> SplitList(string value)
    {
        var parts = new List<string>();
        var inAngle = false;
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '"')
            {
                var end = ScanQuotedString(value, i);
                if (end < 0)
                {
                    break;
                }
                i = end - 1;
            }
            else if (c == '<')
            {
                inAngle = true;
            }
            else if (c == '>')
            {
                inAngle = false;
            }
            else if (c == ',' && !inAngle)
            {
                parts.Add(value[start..i].Trim(' ', '\t'));
                start = i + 1;
            }
        }
        parts.Add(value[start..].Trim(' ', '\t'));
        return parts;
    }
}
