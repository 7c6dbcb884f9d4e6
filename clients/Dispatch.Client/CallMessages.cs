namespace Dispatch.Client;

// The call shapes of the hub and of /api/calls, as docs/protocol.md ("Calls") describes them.

public sealed record CallPartyInfo(string WorkerId, string Name);

/// <summary>A call: <see cref="State"/> is ringing, connected or ended; <see cref="Outcome"/> (once ended) answered, busy,
/// no_answer, declined, cancelled, failed or dropped; <see cref="Fallback"/> none, on_duty_worker or grid_chief.</summary>
public sealed record CallInfo(
    string CallId,
    CallPartyInfo Caller,
    CallPartyInfo Callee,
    CallPartyInfo Ringing,
    string Fallback,
    string CallerDevice,
    IReadOnlyList<string> DevicesRang,
    string? AnsweredDevice,
    string State,
    string? Outcome,
    string? Reason,
    string? EndCause,
    DateTimeOffset StartedAt,
    DateTimeOffset? AnsweredAt,
    DateTimeOffset? EndedAt,
    double DurationSeconds);

public sealed record CallStartResult(string CallId, string SdpAnswer, CallInfo Call);

/// <summary>One page of <c>GET /api/calls</c>.</summary>
public sealed record CallList(IReadOnlyList<CallInfo> Calls, int Total, int Offset, int Limit);
