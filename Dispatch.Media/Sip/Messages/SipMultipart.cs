using System.Text;

namespace Dispatch.Media.Sip.Messages;

/// <summary>Splits a multipart/* body at its boundary (RFC 2046 §5.1.1) without copying the parts.</summary>
public static class SipMultipart
{
    /// <summary>False when the boundary is missing, never found, or a part has no header/body separator.</summary>
    public static bool TrySplit(SipContentType contentType, ReadOnlyMemory<byte> body, out IReadOnlyList<SipBodyPart> parts)
    {
        var list = new List<SipBodyPart>();
        parts = list;
        if (!contentType.MediaType.StartsWith("multipart/", StringComparison.Ordinal) || contentType.Boundary is not { Length: > 0 } boundary)
        {
            return false;
        }
        // Each delimiter is CRLF "--" boundary; the first may sit at the very start of the body.
        var delimiter = Encoding.ASCII.GetBytes("\r\n--" + boundary);
        var span = body.Span;
        var first = span.StartsWith(delimiter.AsSpan(2)) ? 0 : span.IndexOf(delimiter);
        if (first < 0)
        {
            return false;
        }
        var pos = first == 0 ? delimiter.Length - 2 : first + delimiter.Length;
        while (true)
        {
            if (span[pos..].StartsWith("--"u8))
            {
                return list.Count > 0; // close-delimiter
            }
            var lineEnd = span[pos..].IndexOf("\r\n"u8);
            if (lineEnd < 0)
            {
                return false;
            }
            var partStart = pos + lineEnd + 2;
            var next = span[partStart..].IndexOf(delimiter);
            if (next < 0)
            {
                return false;
            }
            if (!TryParsePart(body.Slice(partStart, next), out var part))
            {
                return false;
            }
            list.Add(part);
            pos = partStart + next + delimiter.Length;
        }
    }

    private static bool TryParsePart(ReadOnlyMemory<byte> raw, out SipBodyPart part)
    {
        var headers = new SipHeaders();
        part = new SipBodyPart(headers, ReadOnlyMemory<byte>.Empty);
        var span = raw.Span;
        int bodyStart;
        if (span.StartsWith("\r\n"u8))
        {
            bodyStart = 2; // no part headers: default text/plain (RFC 2046 §5.1)
        }
        else
        {
            var end = span.IndexOf("\r\n\r\n"u8);
            if (end < 0)
            {
                return false;
            }
            foreach (var line in Encoding.UTF8.GetString(span[..end]).Split("\r\n"))
            {
                var colon = line.IndexOf(':');
                if (colon <= 0)
                {
                    return false;
                }
                headers.Add(line[..colon].Trim(), line[(colon + 1)..].Trim());
            }
            bodyStart = end + 4;
        }
        part = new SipBodyPart(headers, raw[bodyStart..]);
        return true;
    }
}
