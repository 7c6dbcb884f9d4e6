using Dispatch.Media.Sip.Messages;

namespace Dispatch.Media.Sip.Calls;

/// <summary>A message body with its type, as the media hook sees it (usually an SDP offer or answer).</summary>
public sealed record SipSessionBody(string ContentType, ReadOnlyMemory<byte> Content)
{
    /// <summary>The body of <paramref name="message"/>, or null when it has none (RFC 3261 §7.4.1: SDP when untyped).</summary>
    public static SipSessionBody? Of(SipMessage message) =>
        message.Body.IsEmpty ? null : new(message.Headers[SipHeaderNames.ContentType] ?? "application/sdp", message.Body);

    /// <summary>For logs and call events: the type and, for SDP, the media lines ("application/sdp: m=audio 4000 RTP/AVP 0").</summary>
    public static string Describe(SipSessionBody? body)
    {
        if (body is null)
        {
            return "no body";
        }
        var text = System.Text.Encoding.UTF8.GetString(body.Content.Span);
        var media = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("m=", StringComparison.Ordinal));
        return $"{body.ContentType}: {string.Join(", ", media)}";
    }

    public void WriteTo(SipMessage message)
    {
        message.Headers.Set(SipHeaderNames.ContentType, ContentType);
        message.Body = Content;
    }
}
