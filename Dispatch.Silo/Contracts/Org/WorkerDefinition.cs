namespace Dispatch.Contracts.Org;

/// <summary>What defines a person in the tree; what an import or an API call sets.</summary>
[GenerateSerializer, Immutable]
public sealed record WorkerDefinition(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Phone,
    [property: Id(3)] IReadOnlyList<UnitAssignment> Assignments,
    [property: Id(4)] bool OnDuty);

/// <summary>A role held in a unit.</summary>
[GenerateSerializer, Immutable]
public sealed record UnitAssignment(
    [property: Id(0)] string UnitCode,
    [property: Id(1)] WorkerRole Role);
