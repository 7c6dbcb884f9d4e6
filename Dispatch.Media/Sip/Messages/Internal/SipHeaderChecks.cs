using System.Globalization;

namespace Dispatch.Media.Sip.Messages.Internal;

/// <summary>
/// Syntax checks of the header fields the stack relies on (RFC 3261 §20, §25.1). A fault names the header,
/// so the 400 reason phrase says what to fix (RFC 4475 §3.1.2).
/// </summary>
internal static class SipHeaderChecks
{
    public readonly record struct Fault(string Reason, string Header);

    public static Fault? FindFault(SipHeaders headers, SipRequest? request)
    {
        string[]? contentLengths = null;
        foreach (var (name, value) in headers)
        {
            var ok = name switch
            {
                SipHeaderNames.Via => SipVia.TryParseList(value, []),
                SipHeaderNames.From or SipHeaderNames.To => SipNameAddress.TryParse(value, out _),
                SipHeaderNames.Contact => IsContactList(value),
                SipHeaderNames.Route or SipHeaderNames.RecordRoute => IsAddressList(value),
                SipHeaderNames.CSeq => IsCSeq(value, request),
                SipHeaderNames.CallId => IsCallId(value),
                SipHeaderNames.MaxForwards => SipSyntax.TryParseDigits(value, 255, out _),
                SipHeaderNames.ContentLength => SipSyntax.TryParseDigits(value, int.MaxValue, out _),
                SipHeaderNames.ContentType => SipContentType.TryParse(value, out _),
                SipHeaderNames.Expires => value.Length > 0 && value.All(char.IsAsciiDigit),
                SipHeaderNames.Date => IsRfc1123Date(value),
                _ => true,
            };
            if (!ok)
            {
                var reason = name == SipHeaderNames.CSeq && SipCSeq.TryParse(value, out _)
                    ? "CSeq Method Does Not Match Request Method"
                    : "Invalid " + name;
                return new Fault(reason, name);
            }
            if (name == SipHeaderNames.ContentLength)
            {
                contentLengths = [.. contentLengths ?? [], value];
            }
        }
        // RFC 4475 §3.3.9: several Content-Length values leave the body's end unknown.
        if (contentLengths is { Length: > 1 })
        {
            return new Fault("Multiple Content-Length Values", SipHeaderNames.ContentLength);
        }
        return null;
    }

    private static bool IsContactList(string value) =>
        value.Trim() == "*" || IsAddressList(value);

    private static bool IsAddressList(string value)
    {
        foreach (var element in SipSyntax.SplitList(value))
        {
            if (!SipNameAddress.TryParse(element, out _))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsCSeq(string value, SipRequest? request) =>
        SipCSeq.TryParse(value, out var cseq)
        // RFC 3261 §8.2 / RFC 4475 §3.1.2.17: the CSeq method must equal the request method (CANCEL and ACK included).
        && (request is null || cseq.Method == request.Method);

    private static bool IsCallId(string value)
    {
        // callid = word [ "@" word ] (§25.1)
        var parts = value.Split('@');
        return parts.Length is 1 or 2 && parts.All(p => p.Length > 0 && p.All(SipSyntax.IsWordChar));
    }

    /// <summary>SIP-date = rfc1123-date, always in GMT (RFC 3261 §20.17).</summary>
    private static bool IsRfc1123Date(string value) =>
        DateTime.TryParseExact(value, "ddd, dd MMM yyyy HH:mm:ss 'GMT'", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out _);
}
