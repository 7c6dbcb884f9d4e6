using System.Globalization;
using Dispatch.Media.Sip.Messages.Internal;

namespace Dispatch.Media.Sip.Messages;

/// <summary>
/// A SIP request or response (RFC 3261 §7): start line, header fields and body. Typed accessors read the
/// header fields on demand and return null when a field is absent or malformed; the parser has already
/// rejected malformed values of the fields it checks.
/// </summary>
public abstract class SipMessage
{
    public SipHeaders Headers { get; } = new();

    public ReadOnlyMemory<byte> Body { get; set; }

    public IReadOnlyList<SipVia> Vias
    {
        get
        {
            var list = new List<SipVia>();
            foreach (var v in Headers.All(SipHeaderNames.Via))
            {
                SipVia.TryParseList(v, list);
            }
            return list;
        }
    }

    public SipVia? TopVia => Headers[SipHeaderNames.Via] is { } v && SipSyntax.SplitList(v) is [var first, ..]
        && SipVia.TryParse(first, out var via) ? via : null;

    public SipNameAddress? From => Address(SipHeaderNames.From);

    public SipNameAddress? To => Address(SipHeaderNames.To);

    public string? CallId => Headers[SipHeaderNames.CallId];

    public SipCSeq? CSeq => Headers[SipHeaderNames.CSeq] is { } v && SipCSeq.TryParse(v, out var c) ? c : null;

    public IReadOnlyList<SipNameAddress> Contacts => Headers.Elements(SipHeaderNames.Contact)
        .Select(e => SipNameAddress.TryParse(e, out var a) ? a : null).OfType<SipNameAddress>().ToList();

    public int? MaxForwards => Headers[SipHeaderNames.MaxForwards] is { } v && SipSyntax.TryParseDigits(v, 255, out var n) ? (int)n : null;

    public int? ContentLength => Headers[SipHeaderNames.ContentLength] is { } v && SipSyntax.TryParseDigits(v, int.MaxValue, out var n) ? (int)n : null;

    public SipContentType? ContentType => Headers[SipHeaderNames.ContentType] is { } v && SipContentType.TryParse(v, out var t) ? t : null;

    public int? Expires => Headers[SipHeaderNames.Expires] is { } v && SipSyntax.TryParseDigits(v, uint.MaxValue, out var n)
        ? (int)Math.Min(n, int.MaxValue) : null;

    internal abstract string StartLine { get; }

    /// <summary>The wire form (RFC 3261 §7): start line, header fields, empty line, body.</summary>
    public byte[] ToBytes() => SipMessageWriter.Write(this);

    private SipNameAddress? Address(string name) => Headers[name] is { } v && SipNameAddress.TryParse(v, out var a) ? a : null;

    private protected static string Invariant(int n) => n.ToString(CultureInfo.InvariantCulture);
}
