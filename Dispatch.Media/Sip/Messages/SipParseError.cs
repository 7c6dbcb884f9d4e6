namespace Dispatch.Media.Sip.Messages;

/// <summary>
/// Why a message was rejected. <see cref="ReasonPhrase"/> is ready to send in the status line
/// (for example "Bad Request - Invalid CSeq"); <see cref="Headers"/> holds whatever header fields could be
/// read, so that a response can still copy Via, From, To, Call-ID and CSeq (RFC 3261 §8.2.6.2).
/// </summary>
public sealed record SipParseError(int StatusCode, string ReasonPhrase, string? HeaderName = null)
{
    /// <summary>The header fields read before the fault, or null when not even the header section could be split.</summary>
    public SipHeaders? Headers { get; init; }

    /// <summary>True when the start line was a request line (only requests can be answered).</summary>
    public bool IsRequest { get; init; }

    public override string ToString() => $"{StatusCode} {ReasonPhrase}";
}
