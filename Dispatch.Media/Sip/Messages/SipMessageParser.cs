using System.Text;
using Dispatch.Media.Sip.Messages.Internal;

namespace Dispatch.Media.Sip.Messages;

/// <summary>
/// Parses one SIP message from a datagram or a framed stream segment (RFC 3261 §7). Never throws for
/// malformed input: the result carries a <see cref="SipParseError"/> whose reason names the broken part.
/// <code>
///   bytes ─► header section split + unfolding ─► start line ─► checked header fields ─► body by Content-Length
/// </code>
/// </summary>
public static class SipMessageParser
{
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
        var lines = Encoding.UTF8.GetString(span[start..headerEnd]).Split("\r\n");
        var isRequest = !lines[0].StartsWith("SIP/", StringComparison.OrdinalIgnoreCase);
        var headers = new SipHeaders();
        if (Unfold(lines, headers) is { } headerFault)
        {
            return Fail(headers, isRequest, 400, "Bad Request - " + headerFault);
        }
        if (span.Length - start > options.MaxMessageBytes)
        {
            return Fail(headers, isRequest, 513, "Message Too Large");
        }
        var startLine = SipStartLine.Parse(lines[0]);
        if (startLine.Error is { } lineError)
        {
            return Fail(headers, isRequest, lineError.StatusCode, lineError.ReasonPhrase, lineError.HeaderName);
        }
        var message = startLine.Message!;
        if (SipHeaderChecks.FindFault(headers, message as SipRequest) is { } fault)
        {
            return Fail(headers, isRequest, 400, "Bad Request - " + fault.Reason, fault.Header);
        }
        foreach (var field in headers)
        {
            message.Headers.Add(field.Name, field.Value);
        }
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

    /// <summary>Joins continuation lines (RFC 3261 §7.3.1: LWS folding) and splits "name HCOLON value".</summary>
    private static string? Unfold(string[] lines, SipHeaders headers)
    {
        string? name = null;
        var value = new StringBuilder();
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length > 0 && SipSyntax.IsWhitespace(line[0]))
            {
                if (name is null)
                {
                    return "Folded Line Before First Header";
                }
                value.Append(' ').Append(line.AsSpan().Trim(" \t"));
                continue;
            }
            if (name is not null)
            {
                headers.Add(name, value.ToString().Trim(' ', '\t'));
            }
            var colon = line.IndexOf(':');
            name = colon < 0 ? null : line[..colon].TrimEnd(' ', '\t');
            if (name is null || !SipSyntax.IsToken(name))
            {
                return "Malformed Header Line";
            }
            value.Clear().Append(line.AsSpan(colon + 1));
        }
        if (name is not null)
        {
            headers.Add(name, value.ToString().Trim(' ', '\t'));
        }
        return null;
    }

    private static SipParseResult Fail(SipHeaders? headers, bool isRequest, int code, string reason, string? header = null) =>
        SipParseResult.Failure(new SipParseError(code, reason, header) { Headers = headers, IsRequest = isRequest });
}
