using Dispatch.Media.Sip.Messages.Internal;

namespace Dispatch.Media.Sip.Auth.Internal;

/// <summary>
/// Walks <c>Digest name=value, name="quoted, value"</c> (RFC 3261 §25.1 challenge / credentials, RFC 7616 §3.3-3.4)
/// one parameter at a time over the header text: names stay slices, and a caller makes strings only of the values it keeps.
/// </summary>
internal ref struct DigestParameters
{
    private readonly ReadOnlySpan<char> _text;
    private int _at;

    private DigestParameters(ReadOnlySpan<char> text, int at)
    {
        _text = text;
        _at = at;
    }

    /// <summary>Set when <see cref="TryNext"/> stopped on malformed text rather than at the end.</summary>
    public bool IsMalformed { get; private set; }

    /// <summary>False when the value is not in the Digest scheme.</summary>
    public static bool TryStart(string headerValue, out DigestParameters parameters)
    {
        var s = headerValue.AsSpan().Trim(" \t");
        var space = s.IndexOfAny(' ', '\t');
        parameters = new DigestParameters(s, Math.Max(space, 0));
        return space >= 0 && s[..space].Equals("Digest", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The next parameter: its name, and its value without quotes (<paramref name="quoted"/> tells whether it had them).</summary>
    public bool TryNext(out ReadOnlySpan<char> name, out ReadOnlySpan<char> value, out bool quoted)
    {
        var s = _text;
        var i = SipSyntax.SkipWhitespace(s, _at);
        name = default;
        value = default;
        quoted = false;
        if (i >= s.Length)
        {
            return false;
        }
        var nameStart = i;
        while (i < s.Length && SipSyntax.IsTokenChar(s[i]))
        {
            i++;
        }
        name = s[nameStart..i];
        i = SipSyntax.SkipWhitespace(s, i);
        if (name.IsEmpty || i >= s.Length || s[i] != '=')
        {
            return Malformed();
        }
        i = SipSyntax.SkipWhitespace(s, i + 1);
        if (i < s.Length && s[i] == '"')
        {
            var end = SipSyntax.ScanQuotedString(s, i);
            if (end < 0)
            {
                return Malformed();
            }
            value = s[i..end];
            quoted = true;
            i = end;
        }
        else
        {
            var valueStart = i;
            while (i < s.Length && s[i] != ',' && !SipSyntax.IsWhitespace(s[i]))
            {
                i++;
            }
            value = s[valueStart..i];
        }
        i = SipSyntax.SkipWhitespace(s, i);
        if (i < s.Length)
        {
            if (s[i] != ',')
            {
                return Malformed();
            }
            i++;
        }
        _at = i;
        return true;
    }

    /// <summary>A value as a string: a quoted one without its quotes and quoted-pair escapes (§25.1).</summary>
    public static string Text(ReadOnlySpan<char> value, bool quoted) => quoted ? SipSyntax.Unquote(value) : value.ToString();

    private bool Malformed()
    {
        IsMalformed = true;
        return false;
    }
}
