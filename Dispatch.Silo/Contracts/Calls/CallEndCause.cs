namespace Dispatch.Contracts.Calls;

/// <summary>
/// Why a call ended, as a code a page can put in its own language (the record's <see cref="CallRecord.EndReason"/>
/// says it in English words for logs and the API). Finer than <see cref="CallOutcome"/>: who hung up, which side was busy.
/// </summary>
public enum CallEndCause
{
    /// <summary>The caller hung up after the call was answered.</summary>
    HungUpByCaller,
    /// <summary>The one who answered hung up.</summary>
    HungUpByCallee,
    /// <summary>The caller hung up while it rang.</summary>
    Cancelled,
    /// <summary>Declined on a browser or app.</summary>
    Declined,
    /// <summary>Nobody answered within the ring time.</summary>
    RingTimeout,
    /// <summary>The callee was already in a call.</summary>
    CalleeBusy,
    /// <summary>The caller was already in another call.</summary>
    CallerBusy,
    /// <summary>The callee had no live device and no on-duty worker or grid chief could ring instead.</summary>
    Unreachable,
    /// <summary>The callee had no live device and the one who would ring instead was in a call.</summary>
    FallbackBusy,
    /// <summary>The phone answered busy (486, 600).</summary>
    PhoneBusy,
    /// <summary>Declined on the phone (603).</summary>
    PhoneDeclined,
    /// <summary>The phone did not answer (408, 480, 487).</summary>
    PhoneNoAnswer,
    /// <summary>The phone failed the call with another status.</summary>
    PhoneFailed,
    /// <summary>A media leg lost its peer (consent expired, DTLS failed).</summary>
    MediaDropped,
    /// <summary>The media node could not set the call up.</summary>
    MediaFailed,
    /// <summary>The server that carried the call restarted.</summary>
    ServerRestarted,
}
