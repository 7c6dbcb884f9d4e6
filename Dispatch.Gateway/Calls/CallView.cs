using System.Text.Json;
using Dispatch.Contracts.Calls;

namespace Dispatch.Gateway.Calls;

/// <summary>A call as hub events and <c>/api/calls</c> show it; enum values in snake_case (docs/protocol.md, "Calls").</summary>
/// <param name="Fallback"><c>none</c>, <c>on_duty_worker</c> or <c>grid_chief</c>: why <paramref name="Ringing"/> is not the callee.</param>
/// <param name="State"><c>ringing</c>, <c>connected</c> or <c>ended</c>.</param>
/// <param name="Outcome">Once ended: <c>answered</c>, <c>busy</c>, <c>no_answer</c>, <c>declined</c>, <c>cancelled</c>, <c>failed</c> or <c>dropped</c>.</param>
/// <param name="EndCause">Once ended: why, as a code pages translate (<see cref="CallEndCause"/> in snake_case); <paramref name="Reason"/> says it in English.</param>
public sealed record CallView(
    string CallId,
    CallPartyView Caller,
    CallPartyView Callee,
    CallPartyView Ringing,
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
    double DurationSeconds)
{
    public static CallView From(CallRecord r) => new(
        r.Id, CallPartyView.From(r.Caller), CallPartyView.From(r.Callee), CallPartyView.From(r.Ringing), Snake(r.Fallback),
        r.CallerDevice, r.DevicesRang, r.AnsweredDevice, Snake(r.State), r.Outcome is { } o ? Snake(o) : null, r.EndReason,
        r.EndCause is { } c ? Snake(c) : null,
        r.StartedAt, r.AnsweredAt, r.EndedAt, Math.Round(r.Duration.TotalSeconds, 3));

    public static string Snake<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
