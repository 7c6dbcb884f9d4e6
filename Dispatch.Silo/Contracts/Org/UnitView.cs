namespace Dispatch.Contracts.Org;

/// <summary>A unit with its direct children and members, as the API shows it.</summary>
[GenerateSerializer, Immutable]
public sealed record UnitView(
    [property: Id(0)] UnitDefinition Definition,
    [property: Id(1)] IReadOnlyList<UnitSummary> Children,
    [property: Id(2)] IReadOnlyList<UnitMember> Members,
    [property: Id(3)] IReadOnlyList<string> Path);

/// <summary>A child as its parent lists it.</summary>
[GenerateSerializer, Immutable]
public sealed record UnitSummary(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] OrgLevel Level);

/// <summary>Counts over a whole subtree (the unit itself included).</summary>
[GenerateSerializer, Immutable]
public sealed record SubtreeCounts(
    [property: Id(0)] IReadOnlyDictionary<OrgLevel, int> UnitsByLevel,
    [property: Id(1)] int Workers,
    [property: Id(2)] int OnDutyWorkers);

/// <summary>Unit counts per level and the worker ids of a subtree, merged upward by parents.</summary>
[GenerateSerializer, Immutable]
public sealed record SubtreeTally(
    [property: Id(0)] int[] UnitsByLevel,
    [property: Id(1)] string[] WorkerIds,
    [property: Id(2)] string[] OnDutyWorkerIds);
