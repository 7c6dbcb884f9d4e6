namespace Dispatch.Contracts.Calls;

/// <summary>One page of call records, newest first, and how many match in all.</summary>
[GenerateSerializer, Immutable]
public sealed record CallPage(
    [property: Id(0)] IReadOnlyList<CallRecord> Calls,
    [property: Id(1)] int Total);
