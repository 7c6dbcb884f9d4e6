namespace Dispatch.Contracts.Calls;

/// <summary>How a call ended; set once, when it ends. <see cref="CallRecord.EndReason"/> says it in words.</summary>
public enum CallOutcome
{
    /// <summary>Someone answered; the call ended by a hang-up from either side.</summary>
    Answered,
    /// <summary>The callee was already in a call.</summary>
    Busy,
    /// <summary>Nobody answered within the ring timeout, or the callee had no live device and no fallback could ring.</summary>
    NoAnswer,
    Declined,
    /// <summary>The caller hung up while it rang.</summary>
    Cancelled,
    /// <summary>Set-up failed (the media node refused a leg, the server lost the call).</summary>
    Failed,
    /// <summary>A media leg lost its peer (consent expired, DTLS failed): the reason names which.</summary>
    Dropped,
}
