using Dispatch.Contracts.Org;

namespace Dispatch.Contracts.Notices;

/// <summary>
/// A notice to send: to every member of <paramref name="UnitCodes"/>' subtrees (only <paramref name="Roles"/> when
/// given) and to the named <paramref name="WorkerIds"/>. Null delays take the configured defaults.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record NoticeDraft(
    [property: Id(0)] string Title,
    [property: Id(1)] string Body,
    [property: Id(2)] NoticePriority Priority,
    [property: Id(3)] IReadOnlyList<string> UnitCodes,
    [property: Id(4)] IReadOnlyList<WorkerRole> Roles,
    [property: Id(5)] IReadOnlyList<string> WorkerIds,
    [property: Id(6)] string SenderName,
    [property: Id(7)] TimeSpan? RemindAfter,
    [property: Id(8)] TimeSpan? FollowUpAfter,
    [property: Id(9)] NoticeAttachment? Attachment);

/// <summary>A file sent with a notice, kept in the data folder.</summary>
[GenerateSerializer, Immutable]
public sealed record NoticeAttachment(
    [property: Id(0)] string Id,
    [property: Id(1)] string FileName,
    [property: Id(2)] string ContentType,
    [property: Id(3)] long Length);
