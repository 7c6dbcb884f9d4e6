using System.Globalization;
using Dispatch.Media.Sip.Messages.Internal;

namespace Dispatch.Media.Sip.Messages;

/// <summary>
/// A SIP request or response (RFC 3261 §7): start line, header fields and body. Typed accessors read the
/// header fields on demand and return null when a field is absent or malformed; the parser has already
/// rejected malformed values of the fields it checks. Via, From, To, Contact and CSeq are parsed once per field
/// value (by the parser's checks or the first read) and the same objects are returned until the field is replaced:
/// treat them as read-only.
/// </summary>
public abstract class SipMessage
{
    public SipHeaders Headers { get; private set; } = new();

    public ReadOnlyMemory<byte> Body { get; set; }

    public IReadOnlyList<SipVia> Vias => AllOf(SipHeaderNames.Via, Headers.ViasAt,
        (value, list) => SipVia.TryParseList(value, list)); // the well-formed Vias before a broken one

    public SipVia? TopVia
    {
        get
        {
            var i = Headers.IndexOf(SipHeaderNames.Via);
            if (i < 0)
            {
                return null;
            }
            if (Headers.ViasAt(i) is [var top, ..])
            {
                return top;
            }
            // A later element of the line is broken: the first may still be usable.
            return SipSyntax.SplitList(Headers.FieldAt(i).Value) is [var first, ..] && SipVia.TryParse(first, out var via) ? via : null;
        }
    }

    public SipNameAddress? From => Address(SipHeaderNames.From);

    public SipNameAddress? To => Address(SipHeaderNames.To);

    public string? CallId => Headers[SipHeaderNames.CallId];

    public SipCSeq? CSeq => Headers.IndexOf(SipHeaderNames.CSeq) is var i and >= 0 ? Headers.CSeqAt(i) : null;

    public IReadOnlyList<SipNameAddress> Contacts => AllOf(SipHeaderNames.Contact, Headers.NameAddressesAt, (value, list) =>
    {
        // Not a clean address list ("*", or a broken element): keep the elements that do parse.
        foreach (var element in SipSyntax.SplitList(value))
        {
            if (element.Length > 0 && SipNameAddress.TryParse(element, out var address))
            {
                list.Add(address);
            }
        }
    });

    /// <summary>Every value of the named fields in order: a field's parsed list where it has one, else what <paramref name="parseRest"/> recovers.</summary>
    private List<T> AllOf<T>(string name, Func<int, IReadOnlyList<T>?> parsedAt, Action<string, List<T>> parseRest)
    {
        var list = new List<T>();
        for (var i = Headers.IndexOf(name); i >= 0; i = Headers.IndexOf(name, i + 1))
        {
            if (parsedAt(i) is { } parsed)
            {
                list.AddRange(parsed);
            }
            else
            {
                parseRest(Headers.FieldAt(i).Value, list);
            }
        }
        return list;
    }

    public int? MaxForwards => Headers[SipHeaderNames.MaxForwards] is { } v && SipSyntax.TryParseDigits(v, 255, out var n) ? (int)n : null;

    public int? ContentLength => Headers[SipHeaderNames.ContentLength] is { } v && SipSyntax.TryParseDigits(v, int.MaxValue, out var n) ? (int)n : null;

    public SipContentType? ContentType => Headers[SipHeaderNames.ContentType] is { } v && SipContentType.TryParse(v, out var t) ? t : null;

    public int? Expires => Headers[SipHeaderNames.Expires] is { } v && SipSyntax.TryParseDigits(v, uint.MaxValue, out var n)
        ? (int)Math.Min(n, int.MaxValue) : null;

    internal abstract string StartLine { get; }

    /// <summary>The wire form (RFC 3261 §7): start line, header fields, empty line, body.</summary>
    public byte[] ToBytes() => SipMessageWriter.Write(this);

    /// <summary>The parser hands over the fields it read and checked, with their parsed values, instead of copying them.</summary>
    internal void AdoptHeaders(SipHeaders headers) => Headers = headers;

    private SipNameAddress? Address(string name) => Headers.IndexOf(name) is var i and >= 0 ? Headers.NameAddressAt(i) : null;

    private protected static string Invariant(int n) => n.ToString(CultureInfo.InvariantCulture);
}
