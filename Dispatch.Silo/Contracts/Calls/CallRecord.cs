namespace Dispatch.Contracts.Calls;

/// <summary>
/// One call as it is kept (grain storage) and listed: who called whom, who actually rang (after a fallback), the
/// devices that rang and the one that answered, the times and the outcome.
/// </summary>
/// <param name="DevicesRang">Device ids that rang: a web or app device's own id, <c>sip:&lt;username&gt;</c> for the phones.</param>
/// <param name="UnitCodes">The units of caller and callee and all their ancestors: who may see the record (OrgScope).</param>
/// <param name="EndReason">For people: "hung up by the caller", "declined on device web-1", "consent expired ...".</param>
[GenerateSerializer, Immutable]
public sealed record CallRecord(
    [property: Id(0)] string Id,
    [property: Id(1)] CallParty Caller,
    [property: Id(2)] CallParty Callee,
    [property: Id(3)] CallParty Ringing,
    [property: Id(4)] CallFallback Fallback,
    [property: Id(5)] string CallerDevice,
    [property: Id(6)] IReadOnlyList<string> DevicesRang,
    [property: Id(7)] string? AnsweredDevice,
    [property: Id(8)] CallState State,
    [property: Id(9)] CallOutcome? Outcome,
    [property: Id(10)] string? EndReason,
    [property: Id(11)] DateTimeOffset StartedAt,
    [property: Id(12)] DateTimeOffset? AnsweredAt,
    [property: Id(13)] DateTimeOffset? EndedAt,
    [property: Id(14)] IReadOnlyList<string> UnitCodes)
{
    /// <summary>Once ended: why, as a code pages translate (<see cref="EndReason"/> is the same in English words).</summary>
    [Id(15)]
    public CallEndCause? EndCause { get; init; }

    /// <summary>Talk time: from the answer to the end (zero for a call never answered).</summary>
    public TimeSpan Duration => AnsweredAt is { } answered && EndedAt is { } ended ? ended - answered : TimeSpan.Zero;

    /// <summary>True when the worker took part: caller, called, or rung instead.</summary>
    public bool Involves(string workerId) => Caller.WorkerId == workerId || Callee.WorkerId == workerId || Ringing.WorkerId == workerId;
}
