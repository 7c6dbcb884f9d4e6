using Dispatch.Contracts.Notices;
using Dispatch.Gateway.Api.Tasks;

namespace Dispatch.Gateway.Api.Notices;

/// <summary>Body of <c>POST /api/notices</c>.</summary>
public sealed record NoticeRequest(
    string? Title, string? Body, string? Priority, IReadOnlyList<string>? UnitCodes, IReadOnlyList<string>? Roles,
    IReadOnlyList<string>? WorkerIds, int? RemindAfterSeconds, int? FollowUpAfterSeconds, string? AttachmentId);

public sealed record AwarenessResponse(int Recipients, int Delivered, int Read, int Confirmed, double Rate)
{
    public static AwarenessResponse From(AwarenessCount c) => new(c.Recipients, c.Delivered, c.Read, c.Confirmed, Math.Round(c.Rate, 4));
}

public sealed record UnitAwarenessResponse(string UnitCode, string Level, int Recipients, int Delivered, int Read, int Confirmed, double Rate)
{
    public static UnitAwarenessResponse From(UnitAwareness u) => new(u.UnitCode, LevelNames.Of((Contracts.Org.OrgLevel)u.Level),
        u.Count.Recipients, u.Count.Delivered, u.Count.Read, u.Count.Confirmed, Math.Round(u.Count.Rate, 4));
}

public sealed record NoticeAwarenessResponse(string NoticeId, AwarenessResponse Total, IReadOnlyList<UnitAwarenessResponse> Units);

public sealed record NoticeResponse(
    string Id, string Title, string Body, string Priority, string PriorityName, string Sender, DateTimeOffset SentAt,
    IReadOnlyList<string> UnitCodes, IReadOnlyList<string> Roles, IReadOnlyList<string> WorkerIds, AwarenessResponse Awareness,
    DateTimeOffset RemindAt, DateTimeOffset FollowUpAt, DateTimeOffset? RemindedAt, DateTimeOffset? FollowUpListedAt, string? AttachmentId)
{
    public static NoticeResponse From(NoticeView n) => new(
        n.Id, n.Draft.Title, n.Draft.Body, TaskNames.Of(n.Draft.Priority), n.Draft.Priority == NoticePriority.Urgent ? "紧急" : "普通",
        n.Draft.SenderName, n.SentAt, n.Draft.UnitCodes, n.Draft.Roles.Select(RoleNames.Of).ToArray(), n.Draft.WorkerIds,
        AwarenessResponse.From(n.Total), n.RemindAt, n.FollowUpAt, n.RemindedAt, n.FollowUpListedAt, n.Draft.Attachment?.Id);
}

public sealed record RecipientResponse(
    string WorkerId, string Name, string Phone, string UnitCode, DateTimeOffset? DeliveredAt, DateTimeOffset? ReadAt,
    DateTimeOffset? ConfirmedAt, bool Reminded)
{
    public static RecipientResponse From(RecipientStatus r) => new(r.WorkerId, r.Name, r.Phone, r.UnitCode, r.DeliveredAt, r.ReadAt, r.ConfirmedAt, r.Reminded);
}
