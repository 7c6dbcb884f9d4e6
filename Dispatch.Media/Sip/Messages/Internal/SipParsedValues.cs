using System.Runtime.CompilerServices;

namespace Dispatch.Media.Sip.Messages.Internal;

/// <summary>
/// The typed readings of header values that <see cref="SipHeaders"/> keeps per field, shared by the parser's checks
/// and the message accessors so each value is parsed once. Each returns null for a value that does not parse.
/// </summary>
internal static class SipParsedValues
{
    /// <summary>Every Via of one header line (RFC 3261 §7.3.1: comma-separated values), or null if any is malformed.</summary>
    public static SipVia[]? ViaList(string value)
    {
        if (SipSyntax.IsSingleElement(value))
        {
            return SipVia.TryParse(value, out var via) ? [via] : null;
        }
        var list = new List<SipVia>(1);
        return SipVia.TryParseList(value, list) ? [.. list] : null;
    }

    public static SipNameAddress? NameAddress(string value) => SipNameAddress.TryParse(value, out var address) ? address : null;

    /// <summary>Every name-address of a Contact, Route or Record-Route line, or null if any element is malformed ("*" included).</summary>
    public static SipNameAddress[]? NameAddressList(string value)
    {
        if (SipSyntax.IsSingleElement(value))
        {
            return SipNameAddress.TryParse(value, out var single) ? [single] : null;
        }
        var elements = SipSyntax.SplitList(value);
        var addresses = new SipNameAddress[elements.Count];
        for (var i = 0; i < elements.Count; i++)
        {
            if (!SipNameAddress.TryParse(elements[i], out var address))
            {
                return null;
            }
            addresses[i] = address;
        }
        return addresses;
    }

    /// <summary>Whether a Contact, Route or Record-Route line is a clean name-address list, checked without building it.</summary>
    public static bool IsNameAddressList(string value)
    {
        if (SipSyntax.IsSingleElement(value))
        {
            return SipNameAddress.IsValid(value);
        }
        foreach (var element in SipSyntax.SplitList(value))
        {
            if (!SipNameAddress.IsValid(element))
            {
                return false;
            }
        }
        return true;
    }

    public static StrongBox<SipCSeq>? CSeq(string value) => SipCSeq.TryParse(value, out var cseq) ? new(cseq) : null;

    /// <summary>The parsed Via list of the field at <paramref name="index"/>.</summary>
    public static SipVia[]? ViasAt(this SipHeaders headers, int index) => headers.ParsedAt(index, ViaList);

    public static SipNameAddress? NameAddressAt(this SipHeaders headers, int index) => headers.ParsedAt(index, NameAddress);

    public static SipNameAddress[]? NameAddressesAt(this SipHeaders headers, int index) => headers.ParsedAt(index, NameAddressList);

    public static SipCSeq? CSeqAt(this SipHeaders headers, int index) => headers.ParsedAt(index, CSeq)?.Value;
}
