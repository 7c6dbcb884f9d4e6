namespace Dispatch.Contracts.Calls;

/// <summary>A person in a call record, with the name as it was when the call started.</summary>
[GenerateSerializer, Immutable]
public sealed record CallParty(
    [property: Id(0)] string WorkerId,
    [property: Id(1)] string Name);
