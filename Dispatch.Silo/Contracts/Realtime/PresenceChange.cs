namespace Dispatch.Contracts.Realtime;

/// <summary>
/// A worker's new presence, with the unit codes whose subscribers must hear it: every assigned unit and
/// every ancestor of each.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PresenceChange(
    [property: Id(0)] string WorkerId,
    [property: Id(1)] PresenceStatus Status,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] IReadOnlyList<string> UnitCodes);
