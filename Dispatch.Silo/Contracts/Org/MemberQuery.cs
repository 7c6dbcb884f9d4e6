namespace Dispatch.Contracts.Org;

/// <summary>A filter over the members of a subtree: null fields match everything.</summary>
[GenerateSerializer, Immutable]
public sealed record MemberQuery(
    [property: Id(0)] IReadOnlyList<WorkerRole>? Roles = null,
    [property: Id(1)] bool? OnDuty = null);
