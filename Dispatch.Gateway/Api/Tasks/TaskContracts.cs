using Dispatch.Contracts.Tasks;

namespace Dispatch.Gateway.Api.Tasks;

/// <summary>Body of <c>POST /api/tasks</c>.</summary>
public sealed record TaskRequest(string? Source, string? Category, string? Title, string? Description, double? Longitude, double? Latitude);

/// <summary>Body of <c>POST /api/tasks/{id}/actions</c>.</summary>
public sealed record TaskActionRequest(string? Action, string? Note, string? UnitCode, string? WorkerId, int? Satisfaction);

public sealed record TaskCategoryResponse(string Code, string Name, IReadOnlyDictionary<string, double> DeadlineHours);

public sealed record TaskHistoryResponse(DateTimeOffset At, string What, string Actor, string From, string To, string? UnitCode, string? WorkerId, string? Note);

public sealed record TaskAttachmentResponse(string Id, string FileName, string ContentType, long Length, string Sha256, DateTimeOffset At, string By);

public sealed record TaskResponse(
    string Id, string Source, string Category, string CategoryName, string Title, string Description, double Longitude, double Latitude,
    string GridCode, IReadOnlyList<string> PlacePath, string Stage, string StageName, string? AssignedUnitCode, string? AssignedLevel,
    string? AssignedWorkerId, DateTimeOffset CreatedAt, DateTimeOffset? Deadline, string? ResolvedLevel, DateTimeOffset? ResolvedAt,
    bool? ResolvedOnTime, int? Satisfaction, string Reporter, IReadOnlyList<string> OpenPushIds,
    IReadOnlyList<TaskAttachmentResponse> Attachments, IReadOnlyList<TaskHistoryResponse> History)
{
    public static TaskResponse From(TaskView t, string categoryName) => new(
        t.Id, TaskNames.Of(t.Source), t.CategoryCode, categoryName, t.Title, t.Description, t.Place.Longitude, t.Place.Latitude,
        t.GridCode, t.PlacePath, TaskNames.Of(t.Stage), TaskNames.Label(t.Stage), t.AssignedUnitCode,
        t.AssignedLevel is { } l ? LevelNames.Of(l) : null, t.AssignedWorkerId, t.CreatedAt, t.Deadline,
        t.ResolvedLevel is { } r ? LevelNames.Of(r) : null, t.ResolvedAt, t.ResolvedOnTime, t.Satisfaction, t.ReporterName, t.OpenPushIds,
        t.Attachments.Select(a => new TaskAttachmentResponse(a.Id, a.FileName, a.ContentType, a.Length, a.Sha256, a.At, a.ByName)).ToArray(),
        t.History.Select(h => new TaskHistoryResponse(h.At, h.What, h.ActorName, TaskNames.Of(h.From), TaskNames.Of(h.To), h.UnitCode, h.WorkerId, h.Note)).ToArray());
}

public sealed record TaskListItem(
    string Id, string Title, string Category, string Stage, string StageName, string GridCode, string? AssignedUnitCode,
    string? AssignedLevel, string? AssignedWorkerId, DateTimeOffset CreatedAt, DateTimeOffset? Deadline)
{
    public static TaskListItem From(TaskSummary t) => new(t.Id, t.Title, t.CategoryCode, TaskNames.Of(t.Stage), TaskNames.Label(t.Stage),
        t.PlacePath.Count > 0 ? t.PlacePath[^1] : "", t.AssignedUnitCode, t.AssignedLevel is { } l ? LevelNames.Of(l) : null,
        t.AssignedWorkerId, t.CreatedAt, t.Deadline);
}
