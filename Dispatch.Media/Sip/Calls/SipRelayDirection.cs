namespace Dispatch.Media.Sip.Calls;

/// <summary>Which leg a relayed body is about to be sent on.</summary>
public enum SipRelayDirection
{
    /// <summary>The INVITE to each fork, or the ACK to the winner in a late-offer call.</summary>
    ToCallee,

    /// <summary>A 18x or the 2xx to the caller.</summary>
    ToCaller,
}
