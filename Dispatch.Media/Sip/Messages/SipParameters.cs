using System.Text;
using Dispatch.Media.Sip.Messages.Internal;

namespace Dispatch.Media.Sip.Messages;

/// <summary>
/// Ordered <c>;name[=value]</c> parameters of a header field or URI (RFC 3261 §7.3.1, §19.1.1).
/// Names compare case-insensitively; a parameter without a value has a null value.
/// </summary>
public sealed class SipParameters
{
    /// <summary>Created with the first parameter: most URIs of a request have none.</summary>
    private List<KeyValuePair<string, string?>>? _items;

    public int Count => _items?.Count ?? 0;

    public IEnumerable<KeyValuePair<string, string?>> Items => _items ?? (IEnumerable<KeyValuePair<string, string?>>)[];

    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>The value of <paramref name="name"/>, or null when it is absent or has no value.</summary>
    public string? this[string name]
    {
        get
        {
            var i = IndexOf(name);
            return i < 0 ? null : _items![i].Value;
        }
    }

    public void Set(string name, string? value)
    {
        var i = IndexOf(name);
        if (i < 0)
        {
            (_items ??= new(2)).Add(new(name, value));
        }
        else
        {
            _items![i] = new(name, value);
        }
    }

    public void Remove(string name)
    {
        var i = IndexOf(name);
        if (i >= 0)
        {
            _items!.RemoveAt(i);
        }
    }

    public void AppendTo(StringBuilder sb) => AppendTo(sb, except: null);

    /// <summary>Appends every parameter but the one named <paramref name="except"/> (case-insensitive), if given.</summary>
    internal void AppendTo(StringBuilder sb, string? except)
    {
        if (_items is null)
        {
            return;
        }
        foreach (var (name, value) in _items)
        {
            if (except is not null && string.Equals(name, except, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            sb.Append(';').Append(name);
            if (value is not null)
            {
                sb.Append('=').Append(value);
            }
        }
    }

    private int IndexOf(string name)
    {
        if (_items is null)
        {
            return -1;
        }
        for (var i = 0; i < _items.Count; i++)
        {
            if (string.Equals(_items[i].Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>The parser's add: names are unique enough as received (a repeated name keeps both, as before).</summary>
    internal void AddParsed(string name, string? value) => (_items ??= new(2)).Add(new(name, value));

    /// <summary>
    /// Parses header parameters (RFC 3261 §25.1: *( SEMI generic-param ), with SWS around ';' and '=')
    /// from <paramref name="s"/> starting at <paramref name="i"/>. Fails on an empty name (";;"),
    /// an empty value, an unterminated quoted string or stray characters.
    /// </summary>
    internal static bool TryParseHeaderParameters(ReadOnlySpan<char> s, int i, out SipParameters parameters)
    {
        parameters = new SipParameters();
        return TryReadHeaderParameters(s, i, parameters);
    }

    /// <summary>
    /// The syntax of <see cref="TryParseHeaderParameters"/>, adding each parameter to <paramref name="into"/>, or only
    /// checking when it is null (the parser's check of a field nobody may read: no strings made).
    /// </summary>
    internal static bool TryReadHeaderParameters(ReadOnlySpan<char> s, int i, SipParameters? into)
    {
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
            var name = s[nameStart..i];
            var value = ReadOnlySpan<char>.Empty;
            var hasValue = false;
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
                value = s[valueStart..i];
                hasValue = true;
            }
            into?.AddParsed(SipTokens.Get(name), hasValue ? SipTokens.GetValue(value) : null);
        }
    }
}
