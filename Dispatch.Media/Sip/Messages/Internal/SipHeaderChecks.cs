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
        for (var i = 0; i < headers.Count; i++)
        {
            var (name, value) = headers.FieldAt(i);
            // Via, To and CSeq, which every request's handling reads (transaction key, Via stamp, the response's To tag),
            // are parsed through the headers' cache, so the accessors reuse them. From, Contact and the routes are only
            // checked: a REGISTER never reads its From, a challenged one not its Contact; they are parsed on first access.
            var ok = name switch
            {
                SipHeaderNames.Via => headers.ViasAt(i) is not null,
                SipHeaderNames.To => headers.NameAddressAt(i) is not null,
                SipHeaderNames.From => SipNameAddress.IsValid(value),
                SipHeaderNames.Contact => IsWildcard(value) || SipParsedValues.IsNameAddressList(value),
                SipHeaderNames.Route or SipHeaderNames.RecordRoute => SipParsedValues.IsNameAddressList(value),
                SipHeaderNames.CSeq => IsCSeq(headers.CSeqAt(i), request),
                SipHeaderNames.CallId => IsCallId(value),
                SipHeaderNames.MaxForwards => SipSyntax.TryParseDigits(value, 255, out _),
                SipHeaderNames.ContentLength => SipSyntax.TryParseDigits(value, int.MaxValue, out _),
                SipHeaderNames.ContentType => SipContentType.TryParse(value, out _),
                SipHeaderNames.Expires => IsDigitRun(value),
                SipHeaderNames.Date => IsRfc1123Date(value),
                _ => true,
            };
            if (!ok)
            {
                var reason = name == SipHeaderNames.CSeq && headers.CSeqAt(i) is not null
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

    private static bool IsWildcard(string value) => value.AsSpan().Trim().SequenceEqual("*");

    /// <summary>Expires = 1*DIGIT (§20.19), of any length: a huge value is capped later, not rejected.</summary>
    private static bool IsDigitRun(string value) => value.Length > 0 && !value.AsSpan().ContainsAnyExceptInRange('0', '9');

    private static bool IsCSeq(SipCSeq? cseq, SipRequest? request) =>
        cseq is { } parsed
        // RFC 3261 §8.2 / RFC 4475 §3.1.2.17: the CSeq method must equal the request method (CANCEL and ACK included).
        && (request is null || parsed.Method == request.Method);

    /// <summary>callid = word [ "@" word ] (§25.1).</summary>
    private static bool IsCallId(string value)
    {
        var at = value.IndexOf('@');
        return at < 0 ? IsWord(value) : IsWord(value.AsSpan(0, at)) && IsWord(value.AsSpan(at + 1));
    }

    private static bool IsWord(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty)
        {
            return false;
        }
        foreach (var c in s)
        {
            if (!SipSyntax.IsWordChar(c))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>SIP-date = rfc1123-date, always in GMT (RFC 3261 §20.17).</summary>
    private static bool IsRfc1123Date(string value) =>
        DateTime.TryParseExact(value, "ddd, dd MMM yyyy HH:mm:ss 'GMT'", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out _);
}
