using System.Collections;
using Dispatch.Media.Sip.Messages.Internal;

namespace Dispatch.Media.Sip.Messages;

/// <summary>
/// The header fields of a message in their received order (RFC 3261 §7.3: order matters between fields
/// of the same name). Lookups are case-insensitive and accept compact forms.
/// </summary>
public sealed class SipHeaders : IEnumerable<SipHeaderField>
{
    private readonly List<SipHeaderField> _fields = [];

    public int Count => _fields.Count;

    public void Add(string name, string value) => _fields.Add(new(SipHeaderNames.Normalize(name), value));

    /// <summary>Replaces every field of that name with one field, kept at the position of the first.</summary>
    public void Set(string name, string value)
    {
        name = SipHeaderNames.Normalize(name);
        var first = _fields.FindIndex(f => Is(f, name));
        _fields.RemoveAll(f => Is(f, name));
        if (first < 0 || first > _fields.Count)
        {
            _fields.Add(new(name, value));
        }
        else
        {
            _fields.Insert(first, new(name, value));
        }
    }

    /// <summary>Replaces the value of the first field with this name; false when there is none.</summary>
    public bool ReplaceFirst(string name, string value)
    {
        name = SipHeaderNames.Normalize(name);
        var i = _fields.FindIndex(f => Is(f, name));
        if (i < 0)
        {
            return false;
        }
        _fields[i] = new(name, value);
        return true;
    }

    public void Remove(string name)
    {
        name = SipHeaderNames.Normalize(name);
        _fields.RemoveAll(f => Is(f, name));
    }

    public string? this[string name]
    {
        get
        {
            name = SipHeaderNames.Normalize(name);
            foreach (var f in _fields)
            {
                if (Is(f, name))
                {
                    return f.Value;
                }
            }
            return null;
        }
    }

    public bool Contains(string name) => this[name] is not null;

    /// <summary>How many header lines carry this name (used to detect duplicated single-value fields).</summary>
    public int CountOf(string name)
    {
        name = SipHeaderNames.Normalize(name);
        return _fields.Count(f => Is(f, name));
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

    private static bool Is(SipHeaderField f, string name) => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase);
}
