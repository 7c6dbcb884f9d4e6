namespace Dispatch.Contracts.Org;

/// <summary>
/// One person's place in one unit, as the unit keeps it: a copy of the worker's name, role and duty
/// flag so that a subtree query needs no call to each worker. The WorkerGrain keeps it current.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record UnitMember(
    [property: Id(0)] string WorkerId,
    [property: Id(1)] string Name,
    [property: Id(2)] WorkerRole Role,
    [property: Id(3)] bool OnDuty,
    [property: Id(4)] string Phone,
    [property: Id(5)] string UnitCode);
