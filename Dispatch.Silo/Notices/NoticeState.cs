using Dispatch.Contracts.Notices;

namespace Dispatch.Silo.Notices;

[GenerateSerializer]
public sealed class NoticeState
{
    [Id(0)] public NoticeDraft? Draft { get; set; }
    [Id(1)] public DateTimeOffset SentAt { get; set; }
    [Id(2)] public DateTimeOffset RemindAt { get; set; }
    [Id(3)] public DateTimeOffset FollowUpAt { get; set; }
    [Id(4)] public DateTimeOffset? RemindedAt { get; set; }
    [Id(5)] public DateTimeOffset? FollowUpListedAt { get; set; }
    [Id(6)] public List<NoticeRecipient> Recipients { get; set; } = [];
    /// <summary>The level (OrgLevel as int) of every unit on a recipient's path.</summary>
    [Id(7)] public Dictionary<string, int> UnitLevels { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>One person a notice went to, and what their devices reported.</summary>
[GenerateSerializer]
public sealed class NoticeRecipient
{
    [Id(0)] public required string WorkerId { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public required string Phone { get; init; }
    [Id(3)] public required string UnitCode { get; init; }
    /// <summary>City … the recipient's own unit: the units whose awareness this person counts in.</summary>
    [Id(4)] public required List<string> Path { get; init; }
    [Id(5)] public DateTimeOffset? DeliveredAt { get; set; }
    [Id(6)] public DateTimeOffset? ReadAt { get; set; }
    [Id(7)] public DateTimeOffset? ConfirmedAt { get; set; }
    [Id(8)] public bool Reminded { get; set; }

    public RecipientStatus Status() => new(WorkerId, Name, Phone, UnitCode, DeliveredAt, ReadAt, ConfirmedAt, Reminded);
}
