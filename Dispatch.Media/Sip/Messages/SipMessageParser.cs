using System.Text;
using Dispatch.Media.Sip.Messages.Internal;

namespace Dispatch.Media.Sip.Messages;

/// <summary>
/// Parses one SIP message from a datagram or a framed stream segment (RFC 3261 §7). Never throws for
/// malformed input: the result carries a <see cref="SipParseError"/> whose reason names the broken part.
/// <code>
///   bytes ─► start line ─► header lines read from the bytes (unfolded) ─► checked header fields ─► body by Content-Length
/// </code>
/// Only the start line and each header value become strings; the values the checks parse (Via, From, To, Contact,
/// CSeq…) stay parsed in <see cref="SipHeaders"/> for the message's accessors.
/// </summary>
public static class SipMessageParser
{
    /// <summary>Start lines up to this many bytes are decoded on the stack (UTF-8 never decodes to more chars than bytes).</summary>
    private const int StackStartLine = 512;

    public static SipParseResult Parse(ReadOnlyMemory<byte> data, SipParserOptions? options = null)
    {
        options ??= SipParserOptions.Default;
        var span = data.Span;
        var start = 0;
        // RFC 3261 §7.5: CRLFs before the start line are ignored (keep-alives).
        while (start + 1 < span.Length && span[start] == '\r' && span[start + 1] == '\n')
        {
            start += 2;
        }
        var headerEnd = span[start..].IndexOf("\r\n\r\n"u8);
        if (headerEnd < 0)
        {
            return Fail(null, false, 400, "Bad Request - Incomplete Header Section");
        }
        headerEnd += start;
        var section = span[start..headerEnd];
        var startLineEnd = section.IndexOf("\r\n"u8);
        // The start line is decoded onto the stack (a long one into an array) and read in place.
        var startLineBytes = startLineEnd < 0 ? section : section[..startLineEnd];
        var startLineChars = startLineBytes.Length <= StackStartLine
            ? stackalloc char[startLineBytes.Length]
            : new char[Encoding.UTF8.GetMaxCharCount(startLineBytes.Length)];
        var startLineText = startLineChars[..Encoding.UTF8.GetChars(startLineBytes, startLineChars)];
        var isRequest = !SipStartLine.IsStatusLine(startLineText);
        var headers = new SipHeaders(section.Count("\r\n"u8)); // a field per header line at most (folded lines join)
        if (startLineEnd >= 0 && SipHeaderLines.Read(section[(startLineEnd + 2)..], headers) is { } headerFault)
        {
            return Fail(headers, isRequest, 400, "Bad Request - " + headerFault);
        }
        if (span.Length - start > options.MaxMessageBytes)
        {
            return Fail(headers, isRequest, 513, "Message Too Large");
        }
        var startLine = SipStartLine.Parse(startLineText);
        if (startLine.Error is { } lineError)
        {
            return Fail(headers, isRequest, lineError.StatusCode, lineError.ReasonPhrase, lineError.HeaderName);
        }
        var message = startLine.Message!;
        if (SipHeaderChecks.FindFault(headers, message as SipRequest) is { } fault)
        {
            return Fail(headers, isRequest, 400, "Bad Request - " + fault.Reason, fault.Header);
        }
        message.AdoptHeaders(headers); // the checked fields and their parsed values become the message's
        var bodyStart = headerEnd + 4;
        var available = span.Length - bodyStart;
        var length = message.ContentLength ?? available; // RFC 3261 §18.3: without Content-Length a datagram's body runs to its end.
        if (length > available)
        {
            return Fail(headers, isRequest, 400, "Bad Request - Content-Length Larger Than Message", SipHeaderNames.ContentLength);
        }
        // RFC 3261 §18.3: octets after Content-Length in a datagram are discarded.
        message.Body = data.Slice(bodyStart, length);
        return SipParseResult.Success(message);
    }

    private static SipParseResult Fail(SipHeaders? headers, bool isRequest, int code, string reason, string? header = null) =>
        SipParseResult.Failure(new SipParseError(code, reason, header) { Headers = headers, IsRequest = isRequest });
}
