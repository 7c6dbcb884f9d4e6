using Dispatch.Contracts.Org;
using Dispatch.Contracts.Tasks;

namespace Dispatch.Silo.Tasks;

/// <summary>The persisted task. History is append-only.</summary>
[GenerateSerializer]
public sealed class TaskState
{
    [Id(0)] public NewTask? Created { get; set; }
    [Id(1)] public DateTimeOffset CreatedAt { get; set; }
    [Id(2)] public List<string> PlacePath { get; set; } = [];
    [Id(3)] public TaskStage Stage { get; set; }
    [Id(4)] public string? AssignedUnitCode { get; set; }
    [Id(5)] public OrgLevel? AssignedLevel { get; set; }
    [Id(6)] public string? AssignedWorkerId { get; set; }
    /// <summary>When the current level must have resolved it.</summary>
    [Id(7)] public DateTimeOffset? Deadline { get; set; }
    /// <summary>When the current assignment was pushed; acceptance is due one window later.</summary>
    [Id(8)] public DateTimeOffset? AssignedAt { get; set; }
    [Id(9)] public bool Repushed { get; set; }
    [Id(10)] public OrgLevel? ResolvedLevel { get; set; }
    [Id(11)] public DateTimeOffset? ResolvedAt { get; set; }
    [Id(12)] public bool? ResolvedOnTime { get; set; }
    /// <summary>Set when the system escalated on a missed deadline: the task is no longer on time.</summary>
    [Id(13)] public bool MissedDeadline { get; set; }
    [Id(14)] public int? Satisfaction { get; set; }
    [Id(15)] public List<TaskAttachment> Attachments { get; set; } = [];
    [Id(16)] public List<TaskHistoryEntry> History { get; set; } = [];
    /// <summary>The pushes of the current assignment, whose Accepted receipt accepts the task.</summary>
    [Id(17)] public List<string> OpenPushIds { get; set; } = [];

    /// <summary>Every receipt of the task's pushes, once per device and kind.</summary>
    [Id(18)] public List<Contracts.Realtime.PushReceipt> Receipts { get; set; } = [];
}
