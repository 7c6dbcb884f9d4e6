namespace Dispatch.Media.Sip.Calls.Internal;

/// <summary>One call through the B2BUA: at most one caller leg and one fork per registered contact.</summary>
internal sealed class SipCall(SipCallInfo info, DateTimeOffset ringDeadline)
{
    public SipCallInfo Info { get; set; } = info;

    public string Id => Info.CallId;

    public SipCallState State { get; set; } = SipCallState.Routing;

    /// <summary>Null for a call the server originated.</summary>
    public CallerLeg? Caller { get; set; }

    /// <summary>The caller's offer, or null for a late offer (the caller answers in its ACK).</summary>
    public SipSessionBody? CallerOffer { get; set; }

    /// <summary>Our From tag on every fork (they all belong to one outgoing call, as behind a forking proxy).</summary>
    public string CalleeSideTag { get; } = Messages.SipResponseFactory.NewTag();

    /// <summary>The display name in the From of a call the server originated.</summary>
    public string? OriginatorName { get; init; }

    public List<CalleeLeg> Forks { get; } = [];

    /// <summary>The fork whose 2xx came first (RFC 3261 §16.7 step 5: the first 2xx wins).</summary>
    public CalleeLeg? Winner { get; set; }

    public DateTimeOffset RingDeadline { get; set; } = ringDeadline;

    /// <summary>When an ended call's state can be dropped (after late retransmissions have had time to arrive).</summary>
    public DateTimeOffset? ForgetAt { get; set; }

    public bool IsRinging => State is SipCallState.Routing or SipCallState.Calling or SipCallState.Ringing;

    public bool IsUp => State is SipCallState.Answered or SipCallState.Confirmed;

    public IEnumerable<CallLeg> Legs => Caller is null ? Forks : [Caller, .. Forks];
}
