namespace Dispatch.Contracts.Notices;

/// <summary>A notice as the registry lists it.</summary>
[GenerateSerializer, Immutable]
public sealed record NoticeEntry(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] string SenderName,
    [property: Id(3)] DateTimeOffset SentAt,
    [property: Id(4)] IReadOnlyList<string> UnitCodes);
