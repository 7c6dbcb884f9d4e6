namespace Dispatch.Contracts.Tasks;

/// <summary>A file kept in the data folder for a task (a photo); the bytes are not in the grain.</summary>
[GenerateSerializer, Immutable]
public sealed record TaskAttachment(
    [property: Id(0)] string Id,
    [property: Id(1)] string FileName,
    [property: Id(2)] string ContentType,
    [property: Id(3)] long Length,
    [property: Id(4)] string Sha256,
    [property: Id(5)] DateTimeOffset At,
    [property: Id(6)] string ByName);
