using Dispatch.Media.Sip.Messages;

namespace Dispatch.Media.Sip.Calls;

/// <summary>A message body with its type, as the media hook sees it (usually an SDP offer or answer).</summary>
public sealed record SipSessionBody(string ContentType, ReadOnlyMemory<byte> Content)
{
    /// <summary>The body of <paramref name="message"/>, or null when it has none (RFC 3261 §7.4.1: SDP when untyped).</summary>
    public static SipSessionBody? Of(SipMessage message) =>
        message.Body.IsEmpty ? null : new(message.Headers[SipHeaderNames.ContentType] ?? "application/sdp", message.Body);

    public void WriteTo(SipMessage message)
    {
        message.Headers.Set(SipHeaderNames.ContentType, ContentType);
        message.Body = Content;
    }
}
