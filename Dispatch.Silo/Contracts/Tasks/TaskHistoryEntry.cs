namespace Dispatch.Contracts.Tasks;

/// <summary>One line of a task's history: never changed or removed once written.</summary>
[GenerateSerializer, Immutable]
public sealed record TaskHistoryEntry(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string What,
    [property: Id(2)] string ActorName,
    [property: Id(3)] TaskStage From,
    [property: Id(4)] TaskStage To,
    [property: Id(5)] string? UnitCode,
    [property: Id(6)] string? WorkerId,
    [property: Id(7)] string? Note);
