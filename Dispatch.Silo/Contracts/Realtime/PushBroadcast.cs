namespace Dispatch.Contracts.Realtime;

/// <summary>
/// One REST send: the same text to many workers. Recipient <c>i</c> gets the push with id
/// <see cref="PushIds.Of"/>(<see cref="BroadcastId"/>, i).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PushBroadcast(
    [property: Id(0)] string BroadcastId,
    [property: Id(1)] PushKind Kind,
    [property: Id(2)] string Title,
    [property: Id(3)] string Body,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] string SenderName,
    [property: Id(6)] IReadOnlyList<string> WorkerIds)
{
    /// <summary>The push recipient <paramref name="recipient"/> gets; <paramref name="sender"/> hears its receipts.</summary>
    public PushMessage PushFor(int recipient, IPushSender sender) => new(
        PushIds.Of(BroadcastId, recipient), WorkerIds[recipient], Kind, Title, Body, CreatedAt, SenderName, sender);
}
