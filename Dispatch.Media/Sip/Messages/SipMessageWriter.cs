using System.Text;

namespace Dispatch.Media.Sip.Messages;

/// <summary>Serialises a message (RFC 3261 §7); Content-Length is always written to match the body (§20.14).</summary>
public static class SipMessageWriter
{
    private static readonly byte[] ContentLengthPrefix = Encoding.ASCII.GetBytes(SipHeaderNames.ContentLength + ": ");

    /// <summary>Measures first, then encodes every piece straight into one array of the exact size (no text copy of the message).</summary>
    public static byte[] Write(SipMessage message)
    {
        var startLine = message.StartLine;
        var body = message.Body.Span;
        Span<byte> length = stackalloc byte[11];
        body.Length.TryFormat(length, out var lengthDigits, default, System.Globalization.CultureInfo.InvariantCulture);
        var size = Encoding.UTF8.GetByteCount(startLine) + 2;
        foreach (var field in message.Headers)
        {
            if (!IsContentLength(field))
            {
                size += Encoding.UTF8.GetByteCount(field.Name) + 2 + Encoding.UTF8.GetByteCount(field.Value) + 2;
            }
        }
        size += ContentLengthPrefix.Length + lengthDigits + 4 + body.Length;
        var bytes = new byte[size];
        var at = Put(bytes, 0, startLine);
        at = Put(bytes, at, "\r\n"u8);
        foreach (var field in message.Headers)
        {
            if (!IsContentLength(field))
            {
                at = Put(bytes, at, field.Name);
                at = Put(bytes, at, ": "u8);
                at = Put(bytes, at, field.Value);
                at = Put(bytes, at, "\r\n"u8);
            }
        }
        at = Put(bytes, at, ContentLengthPrefix);
        at = Put(bytes, at, length[..lengthDigits]);
        at = Put(bytes, at, "\r\n\r\n"u8);
        body.CopyTo(bytes.AsSpan(at));
        return bytes;
    }

    private static bool IsContentLength(SipHeaderField field) =>
        string.Equals(field.Name, SipHeaderNames.ContentLength, StringComparison.OrdinalIgnoreCase);

    private static int Put(byte[] bytes, int at, string text) => at + Encoding.UTF8.GetBytes(text, bytes.AsSpan(at));

    private static int Put(byte[] bytes, int at, ReadOnlySpan<byte> raw)
    {
        raw.CopyTo(bytes.AsSpan(at));
        return at + raw.Length;
    }
}
