namespace Dispatch.Contracts.Realtime;

/// <summary>
/// One push to one worker. The id is unique (a GUID in "N" form) and is what devices acknowledge
/// and deduplicate by. <paramref name="Sender"/> is the grain told about every receipt.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PushMessage(
    [property: Id(0)] string Id,
    [property: Id(1)] string WorkerId,
    [property: Id(2)] PushKind Kind,
    [property: Id(3)] string Title,
    [property: Id(4)] string Body,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] string SenderName,
    [property: Id(7)] IPushSender? Sender)
{
    public static string NewId() => Guid.NewGuid().ToString("N");
}
