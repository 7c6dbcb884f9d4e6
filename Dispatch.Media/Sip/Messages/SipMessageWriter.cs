using System.Globalization;
using System.Text;

namespace Dispatch.Media.Sip.Messages;

/// <summary>Serialises a message (RFC 3261 §7); Content-Length is always written to match the body (§20.14).</summary>
public static class SipMessageWriter
{
    private static ReadOnlySpan<byte> StatusLinePrefix => "SIP/2.0 "u8;

    private static readonly byte[] ContentLengthPrefix = Encoding.ASCII.GetBytes(SipHeaderNames.ContentLength + ": ");

    /// <summary>Measures first, then encodes every piece straight into one array of the exact size (no text copy of the message).</summary>
    public static byte[] Write(SipMessage message)
    {
        var bytes = new byte[Measure(message)];
        WriteTo(message, bytes);
        return bytes;
    }

    /// <summary>The size of the wire form in bytes.</summary>
    public static int Measure(SipMessage message)
    {
        var size = StartLineBytes(message) + 2;
        foreach (var field in message.Headers)
        {
            if (!IsContentLength(field))
            {
                size += Encoding.UTF8.GetByteCount(field.Name) + 2 + Encoding.UTF8.GetByteCount(field.Value) + 2;
            }
        }
        Span<byte> digits = stackalloc byte[11];
        return size + ContentLengthPrefix.Length + LengthDigits(message, digits) + 4 + message.Body.Length;
    }

    /// <summary>Writes the wire form to the start of <paramref name="destination"/> (at least <see cref="Measure"/> bytes); returns its length.</summary>
    public static int WriteTo(SipMessage message, Span<byte> destination)
    {
        var at = PutStartLine(destination, message);
        at = Put(destination, at, "\r\n"u8);
        foreach (var field in message.Headers)
        {
            if (!IsContentLength(field))
            {
                at = Put(destination, at, field.Name);
                at = Put(destination, at, ": "u8);
                at = Put(destination, at, field.Value);
                at = Put(destination, at, "\r\n"u8);
            }
        }
        Span<byte> digits = stackalloc byte[11];
        at = Put(destination, at, ContentLengthPrefix);
        at = Put(destination, at, digits[..LengthDigits(message, digits)]);
        at = Put(destination, at, "\r\n\r\n"u8);
        message.Body.Span.CopyTo(destination[at..]);
        return at + message.Body.Length;
    }

    /// <summary>A response's Status-Line is written from its parts (no string per answer); a request's from its text.</summary>
    private static int StartLineBytes(SipMessage message)
    {
        if (message is not SipResponse response)
        {
            return Encoding.UTF8.GetByteCount(message.StartLine);
        }
        Span<byte> digits = stackalloc byte[11];
        response.StatusCode.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture);
        return StatusLinePrefix.Length + written + 1 + Encoding.UTF8.GetByteCount(response.ReasonPhrase);
    }

    private static int PutStartLine(Span<byte> destination, SipMessage message)
    {
        if (message is not SipResponse response)
        {
            return Put(destination, 0, message.StartLine);
        }
        var at = Put(destination, 0, StatusLinePrefix);
        response.StatusCode.TryFormat(destination[at..], out var written, default, CultureInfo.InvariantCulture);
        at += written;
        destination[at++] = (byte)' ';
        return Put(destination, at, response.ReasonPhrase);
    }

    private static int LengthDigits(SipMessage message, Span<byte> digits)
    {
        message.Body.Length.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture);
        return written;
    }

    private static bool IsContentLength(SipHeaderField field) =>
        string.Equals(field.Name, SipHeaderNames.ContentLength, StringComparison.OrdinalIgnoreCase);

    private static int Put(Span<byte> destination, int at, string text) => at + Encoding.UTF8.GetBytes(text, destination[at..]);

    private static int Put(Span<byte> destination, int at, ReadOnlySpan<byte> raw)
    {
        raw.CopyTo(destination[at..]);
        return at + raw.Length;
    }
}
