namespace Dispatch.Media.Sip.Messages;

public sealed record SipParserOptions
{
    /// <summary>Messages larger than this are rejected with 513 Message Too Large (RFC 3261 §21.5.14).</summary>
    public int MaxMessageBytes { get; init; } = 64 * 1024;

    public static SipParserOptions Default { get; } = new();
}
