namespace Dispatch.Media.Sip.Messages;

/// <summary>Status-Line = SIP-Version SP Status-Code SP Reason-Phrase CRLF (RFC 3261 §7.2).</summary>
public sealed class SipResponse : SipMessage
{
    public SipResponse(int statusCode, string reasonPhrase)
    {
        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase;
    }

    public int StatusCode { get; }

    public string ReasonPhrase { get; }

    public bool IsProvisional => StatusCode < 200;

    internal override string StartLine => $"SIP/2.0 {Invariant(StatusCode)} {ReasonPhrase}";

    public override string ToString() => StartLine;
}
