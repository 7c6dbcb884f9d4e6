using System.Globalization;
using System.Text;

namespace Dispatch.Media.Sip.Messages;

/// <summary>Serialises a message (RFC 3261 §7); Content-Length is always written to match the body (§20.14).</summary>
public static class SipMessageWriter
{
    public static byte[] Write(SipMessage message)
    {
        var sb = new StringBuilder(512).Append(message.StartLine).Append("\r\n");
        foreach (var field in message.Headers)
        {
            if (!string.Equals(field.Name, SipHeaderNames.ContentLength, StringComparison.OrdinalIgnoreCase))
            {
                sb.Append(field.Name).Append(": ").Append(field.Value).Append("\r\n");
            }
        }
        sb.Append(SipHeaderNames.ContentLength).Append(": ")
            .Append(message.Body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n\r\n");
        var head = Encoding.UTF8.GetByteCount(sb.ToString());
        var bytes = new byte[head + message.Body.Length];
        Encoding.UTF8.GetBytes(sb.ToString(), bytes);
        message.Body.Span.CopyTo(bytes.AsSpan(head));
        return bytes;
    }
}
