namespace Dispatch.Contracts.Calls;

/// <summary>
/// A filter over call records; null fields match everything. <paramref name="ScopeUnits"/> and
/// <paramref name="ViewerWorkerId"/> limit what the asker may see: a record is visible when one of its units is in
/// the scope or the viewer took part in it; a null scope (administrators) sees all.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CallQuery(
    [property: Id(0)] IReadOnlyList<string>? ScopeUnits,
    [property: Id(1)] string? ViewerWorkerId,
    [property: Id(2)] string? UnitCode,
    [property: Id(3)] string? WorkerId,
    [property: Id(4)] DateTimeOffset? From,
    [property: Id(5)] DateTimeOffset? To,
    [property: Id(6)] CallOutcome? Outcome,
    [property: Id(7)] int Offset,
    [property: Id(8)] int Limit);
