namespace Dispatch.Media.Sip.Messages;

/// <summary>Request-Line = Method SP Request-URI SP SIP-Version CRLF (RFC 3261 §7.1).</summary>
public sealed class SipRequest : SipMessage
{
    public SipRequest(string method, SipUri requestUri)
    {
        Method = method;
        RequestUri = requestUri;
    }

    /// <summary>Case-sensitive method token (§7.1).</summary>
    public string Method { get; }

    public SipUri RequestUri { get; }

    internal override string StartLine => $"{Method} {RequestUri} SIP/2.0";

    public override string ToString() => StartLine;
}
