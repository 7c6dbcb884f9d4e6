using Orleans.Concurrency;

namespace Dispatch.Contracts.Calls;

/// <summary>
/// One call, keyed by its id: rings every live device of the callee (or a fallback), takes the first answer,
/// ends the call for the reasons in <see cref="CallOutcome"/>, and keeps the record. See docs/calls.md.
/// </summary>
public interface ICallGrain : IGrainWithStringKey
{
    /// <summary>Starts ringing; the same id cannot start twice (the second start gets the record as it is).</summary>
    Task<CallStarted> Start(CallStart start);

    /// <summary>A device of the ringing worker answers; the first wins, the others are told "answered elsewhere".</summary>
    Task<CallRefusal> Answer(string workerId, string deviceId);

    /// <summary>The ringing worker declines on one device: the call ends, declined.</summary>
    Task<CallRefusal> Decline(string workerId, string deviceId);

    /// <summary>Either party hangs up: a caller's hang-up while it rings cancels the call; the callee's declines it.</summary>
    Task<CallRefusal> HangUp(string workerId, string deviceId);

    /// <summary>The phones' INVITE ended without an answer (<paramref name="sipStatus"/>: 486 busy, 603 decline, 408 ...).</summary>
    Task PhonesGaveUp(int sipStatus, string detail);

    /// <summary>The media plane lost a leg, or could not set one up: the call ends for both sides with the reason.</summary>
    Task Fail(CallOutcome outcome, CallEndCause cause, string reason);

    [ReadOnly]
    Task<CallRecord?> Get();
}
