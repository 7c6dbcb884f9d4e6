namespace Dispatch.Contracts.Org;

/// <summary>A worker as the API shows it (no secrets).</summary>
[GenerateSerializer, Immutable]
public sealed record WorkerView(
    [property: Id(0)] WorkerDefinition Definition,
    [property: Id(1)] IReadOnlyList<string> SipUsernames,
    [property: Id(2)] DateTimeOffset UpdatedAt);
