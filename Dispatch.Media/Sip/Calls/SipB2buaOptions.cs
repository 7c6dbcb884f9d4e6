using Dispatch.Media.Sip.Transactions;

namespace Dispatch.Media.Sip.Calls;

public sealed record SipB2buaOptions
{
    /// <summary>How long forks ring before every fork is cancelled and the caller gets 408.</summary>
    public TimeSpan RingTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>T1 and T2 for 2xx retransmission (RFC 3261 §13.3.1.4); should match the core's transaction timers.</summary>
    public SipTimerSettings Timers { get; init; } = SipTimerSettings.Default;

    /// <summary>The user part of the B2BUA's own Contact and of the From of calls it originates.</summary>
    public string ContactUser { get; init; } = "dispatch";
}
