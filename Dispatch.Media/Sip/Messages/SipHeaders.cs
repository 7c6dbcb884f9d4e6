using System.Collections;
using Dispatch.Media.Sip.Messages.Internal;

namespace Dispatch.Media.Sip.Messages;

/// <summary>
/// The header fields of a message in their received order (RFC 3261 §7.3: order matters between fields
/// of the same name). Lookups are case-insensitive and accept compact forms.
/// Each field can also hold what a typed reader made of its value (a Via list, a name-address, credentials…),
/// so a value is parsed once per message however many checks and accessors read it; replacing or removing
/// the field drops that result with it.
/// </summary>
public sealed class SipHeaders : IEnumerable<SipHeaderField>
{
    private readonly List<SipHeaderField> _fields;

    /// <summary>Parallel to <see cref="_fields"/>: the parsed form of each value, or null when not parsed yet.</summary>
    private readonly List<object?> _parsed;

    public SipHeaders()
        : this(8)
    {
    }

    /// <summary>The parser sizes the lists to the number of header lines, so they are not grown line by line.</summary>
    internal SipHeaders(int capacity)
    {
        _fields = new(capacity);
        _parsed = new(capacity);
    }

    public int Count => _fields.Count;

    public void Add(string name, string value) => Append(SipHeaderNames.Normalize(name), value, null);

    /// <summary>Replaces every field of that name with one field, kept at the position of the first.</summary>
    public void Set(string name, string value)
    {
        name = SipHeaderNames.Normalize(name);
        var first = IndexOf(name);
        RemoveNormalized(name);
        if (first < 0 || first > _fields.Count)
        {
            Append(name, value, null);
        }
        else
        {
            _fields.Insert(first, new(name, value));
            _parsed.Insert(first, null);
        }
    }

    /// <summary>Replaces the value of the first field with this name; false when there is none.</summary>
    public bool ReplaceFirst(string name, string value) => ReplaceFirst(name, value, null);

    public void Remove(string name) => RemoveNormalized(SipHeaderNames.Normalize(name));

    public string? this[string name]
    {
        get
        {
            var i = IndexOf(SipHeaderNames.Normalize(name));
            return i < 0 ? null : _fields[i].Value;
        }
    }

    public bool Contains(string name) => this[name] is not null;

    /// <summary>How many header lines carry this name (used to detect duplicated single-value fields).</summary>
    public int CountOf(string name)
    {
        name = SipHeaderNames.Normalize(name);
        var count = 0;
        foreach (var f in _fields)
        {
            if (Is(f, name))
            {
                count++;
            }
        }
        return count;
    }

    public IEnumerable<string> All(string name)
    {
        name = SipHeaderNames.Normalize(name);
        return _fields.Where(f => Is(f, name)).Select(f => f.Value);
    }

    /// <summary>
    /// Every element of a list-valued header (RFC 3261 §7.3.1: several lines and comma-separated values
    /// are equivalent), in order, trimmed.
    /// </summary>
    public IEnumerable<string> Elements(string name) => All(name).SelectMany(SipSyntax.SplitList).Where(e => e.Length > 0);

    public IEnumerator<SipHeaderField> GetEnumerator() => _fields.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The parser's add: the name is already canonical (or an unknown name as received).</summary>
    internal void AddNormalized(string name, string value) => Append(name, value, null);

    /// <summary>Like <see cref="ReplaceFirst(string, string)"/>, keeping <paramref name="parsed"/> as the new value's parsed form.</summary>
    internal bool ReplaceFirst(string name, string value, object? parsed)
    {
        var i = IndexOf(SipHeaderNames.Normalize(name));
        if (i < 0)
        {
            return false;
        }
        _fields[i] = new(_fields[i].Name, value);
        _parsed[i] = parsed;
        return true;
    }

    /// <summary>The index of the first field named <paramref name="normalizedName"/> at or after <paramref name="from"/>, or -1.</summary>
    internal int IndexOf(string normalizedName, int from = 0)
    {
        for (var i = from; i < _fields.Count; i++)
        {
            if (Is(_fields[i], normalizedName))
            {
                return i;
            }
        }
        return -1;
    }

    internal SipHeaderField FieldAt(int index) => _fields[index];

    /// <summary>
    /// What <paramref name="parse"/> makes of the value at <paramref name="index"/>, computed on the first call and
    /// kept until the field is replaced. A value that does not parse is remembered too (as <see cref="Unparsable"/>),
    /// so callers get null again without parsing again.
    /// </summary>
    internal T? ParsedAt<T>(int index, Func<string, T?> parse) where T : class
    {
        switch (_parsed[index])
        {
            case T cached:
                return cached;
            case Unparsable:
                return null;
        }
        var parsed = parse(_fields[index].Value);
        _parsed[index] = (object?)parsed ?? Unparsable.Instance;
        return parsed;
    }

    private void Append(string name, string value, object? parsed)
    {
        _fields.Add(new(name, value));
        _parsed.Add(parsed);
    }

    private void RemoveNormalized(string name)
    {
        for (var i = _fields.Count - 1; i >= 0; i--)
        {
            if (Is(_fields[i], name))
            {
                _fields.RemoveAt(i);
                _parsed.RemoveAt(i);
            }
        }
    }

    /// <summary>Parsed and added fields carry the canonical name instances, so a match is usually the same reference.</summary>
    private static bool Is(SipHeaderField f, string name) =>
        ReferenceEquals(f.Name, name) || string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase);

    /// <summary>Marks a value whose parse failed, so a failure is not retried on every read.</summary>
    private sealed class Unparsable
    {
        public static readonly Unparsable Instance = new();
    }
}
