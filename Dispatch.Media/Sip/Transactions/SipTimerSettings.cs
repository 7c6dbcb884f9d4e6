namespace Dispatch.Media.Sip.Transactions;

/// <summary>RFC 3261 §17.1.1.1 and table 4: T1 (RTT estimate), T2 (max non-INVITE retransmit interval), T4 (network lifetime).</summary>
public sealed record SipTimerSettings
{
    public TimeSpan T1 { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan T2 { get; init; } = TimeSpan.FromSeconds(4);

    public TimeSpan T4 { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Timers B, F, H, J, L and M: 64*T1.</summary>
    public TimeSpan TransactionTimeout => T1 * 64;

    /// <summary>Timer D: at least 32 s over unreliable transports (§17.1.1.2).</summary>
    public TimeSpan TimerD => TimeSpan.FromSeconds(32) > TransactionTimeout ? TimeSpan.FromSeconds(32) : TransactionTimeout;

    public static SipTimerSettings Default { get; } = new();
}
