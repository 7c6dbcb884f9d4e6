using Dispatch.Contracts.Org;

namespace Dispatch.Contracts.Tasks;

/// <summary>A task as it is now, with its whole history.</summary>
/// <param name="PlacePath">The units from the city down to the grid the place lies in.</param>
/// <param name="Deadline">When the current level must have resolved it (null outside Assignment/Handling).</param>
/// <param name="ResolvedLevel">The level the result was reported at, once resolved.</param>
[GenerateSerializer, Immutable]
public sealed record TaskView(
    [property: Id(0)] string Id,
    [property: Id(1)] TaskSource Source,
    [property: Id(2)] string CategoryCode,
    [property: Id(3)] string Title,
    [property: Id(4)] string Description,
    [property: Id(5)] GeoPoint Place,
    [property: Id(6)] IReadOnlyList<string> PlacePath,
    [property: Id(7)] TaskStage Stage,
    [property: Id(8)] string? AssignedUnitCode,
    [property: Id(9)] OrgLevel? AssignedLevel,
    [property: Id(10)] string? AssignedWorkerId,
    [property: Id(11)] DateTimeOffset CreatedAt,
    [property: Id(12)] DateTimeOffset? Deadline,
    [property: Id(13)] OrgLevel? ResolvedLevel,
    [property: Id(14)] DateTimeOffset? ResolvedAt,
    [property: Id(15)] bool? ResolvedOnTime,
    [property: Id(16)] int? Satisfaction,
    [property: Id(17)] IReadOnlyList<TaskAttachment> Attachments,
    [property: Id(18)] IReadOnlyList<TaskHistoryEntry> History,
    [property: Id(19)] string ReporterName,
    [property: Id(20)] IReadOnlyList<string> OpenPushIds)
{
    public string GridCode => PlacePath.Count > 0 ? PlacePath[^1] : "";
}
