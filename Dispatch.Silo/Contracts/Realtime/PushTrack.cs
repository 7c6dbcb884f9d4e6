namespace Dispatch.Contracts.Realtime;

/// <summary>A push sent through the REST API and the receipts its devices reported so far.</summary>
[GenerateSerializer, Immutable]
public sealed record PushTrack(
    [property: Id(0)] PushMessage Push,
    [property: Id(1)] IReadOnlyList<PushReceipt> Receipts);
