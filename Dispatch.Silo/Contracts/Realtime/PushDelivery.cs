namespace Dispatch.Contracts.Realtime;

/// <summary>One push for the given connections, all held by the gateway the batch is sent to.</summary>
[GenerateSerializer, Immutable]
public sealed record PushDelivery(
    [property: Id(0)] PushMessage Push,
    [property: Id(1)] IReadOnlyList<string> ConnectionIds);
