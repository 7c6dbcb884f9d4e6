using Dispatch.Contracts.Org;

namespace Dispatch.Contracts.Tasks;

/// <summary>What lists and statistics need of a task, kept by the task registry.</summary>
[GenerateSerializer, Immutable]
public sealed record TaskSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] string CategoryCode,
    [property: Id(3)] TaskStage Stage,
    [property: Id(4)] IReadOnlyList<string> PlacePath,
    [property: Id(5)] string? AssignedUnitCode,
    [property: Id(6)] OrgLevel? AssignedLevel,
    [property: Id(7)] string? AssignedWorkerId,
    [property: Id(8)] DateTimeOffset CreatedAt,
    [property: Id(9)] DateTimeOffset? Deadline,
    [property: Id(10)] OrgLevel? ResolvedLevel,
    [property: Id(11)] bool? ResolvedOnTime,
    [property: Id(12)] int? Satisfaction)
{
    public static TaskSummary Of(TaskView t) => new(t.Id, t.Title, t.CategoryCode, t.Stage, t.PlacePath, t.AssignedUnitCode,
        t.AssignedLevel, t.AssignedWorkerId, t.CreatedAt, t.Deadline, t.ResolvedLevel, t.ResolvedOnTime, t.Satisfaction);
}
