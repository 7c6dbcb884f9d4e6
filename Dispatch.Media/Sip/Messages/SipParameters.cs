using System.Text;
using Dispatch.Media.Sip.Messages.Internal;

namespace Dispatch.Media.Sip.Messages;

/// <summary>
/// Ordered <c>;name[=value]</c> parameters of a header field or URI (RFC 3261 §7.3.1, §19.1.1).
/// Names compare case-insensitively; a parameter without a value has a null value.
/// </summary>
public sealed class SipParameters
{
    private readonly List<KeyValuePair<string, string?>> _items = [];

    public int Count => _items.Count;

    public IEnumerable<KeyValuePair<string, string?>> Items => _items;

    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>The value of <paramref name="name"/>, or null when it is absent or has no value.</summary>
    public string? this[string name]
    {
        get
        {
            var i = IndexOf(name);
            return i < 0 ? null : _items[i].Value;
        }
    }

    public void Set(string name, string? value)
    {
        var i = IndexOf(name);
        if (i < 0)
        {
            _items.Add(new(name, value));
        }
        else
        {
            _items[i] = new(name, value);
        }
    }

    public void Remove(string name)
    {
        var i = IndexOf(name);
        if (i >= 0)
        {
            _items.RemoveAt(i);
        }
    }

    public void AppendTo(StringBuilder sb)
    {
        foreach (var (name, value) in _items)
        {
            sb.Append(';').Append(name);
            if (value is not null)
            {
                sb.Append('=').Append(value);
            }
        }
    }

    private int IndexOf(string name) => _items.FindIndex(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Parses header parameters (RFC 3261 §25.1: *( SEMI generic-param ), with SWS around ';' and '=')
    /// from <paramref name="s"/> starting at <paramref name="i"/>. Fails on an empty name (";;"),
    /// an empty value, an unterminated quoted string or stray characters.
    /// </summary>
    internal static bool TryParseHeaderParameters(ReadOnlySpan<char> s, int i, out SipParameters parameters)
    {
        parameters = new SipParameters();
        while (true)
        {
            i = SipSyntax.SkipWhitespace(s, i);
            if (i >= s.Length)
            {
                return true;
            }
            if (s[i] != ';')
            {
                return false;
            }
            i = SipSyntax.SkipWhitespace(s, i + 1);
            var nameStart = i;
            while (i < s.Length && SipSyntax.IsTokenChar(s[i]))
            {
                i++;
            }
            if (i == nameStart)
            {
                return false;
            }
            var name = s[nameStart..i].ToString();
            string? value = null;
            var afterName = SipSyntax.SkipWhitespace(s, i);
            if (afterName < s.Length && s[afterName] == '=')
            {
                i = SipSyntax.SkipWhitespace(s, afterName + 1);
                var valueStart = i;
                if (i < s.Length && s[i] == '"')
                {
                    i = SipSyntax.ScanQuotedString(s, i);
                    if (i < 0)
                    {
                        return false;
                    }
                }
                else
                {
                    while (i < s.Length && SipSyntax.IsGenValueChar(s[i]))
                    {
                        i++;
                    }
                }
                if (i == valueStart)
                {
                    return false;
                }
                value = s[valueStart..i].ToString();
            }
            parameters._items.Add(new(name, value));
        }
    }
}
