namespace Dispatch.Media.Sip.Messages;

/// <summary>One part of a multipart body (RFC 2046 §5.1, as used by RFC 3261 §7.4 and RFC 5621).</summary>
public sealed record SipBodyPart(SipHeaders Headers, ReadOnlyMemory<byte> Body)
{
    public SipContentType? ContentType =>
        Headers[SipHeaderNames.ContentType] is { } v && SipContentType.TryParse(v, out var t) ? t : null;
}
