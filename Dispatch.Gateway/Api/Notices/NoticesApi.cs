using System.Security.Claims;
using Dispatch.Contracts.Notices;
using Dispatch.Contracts.Org;
using Dispatch.Gateway.Attachments;
using Dispatch.Gateway.Auth;
using Dispatch.Gateway.Problems;

namespace Dispatch.Gateway.Api.Notices;

/// <summary>
/// <c>/api/notices</c>: dispatchers and leaders send notices to units, roles and people in their scope and
/// watch who has them, who read them and who confirmed them, per unit.
/// </summary>
public static class NoticesApi
{
    public static IEndpointRouteBuilder MapNoticesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/notices").WithTags("notices").RequireAuthorization();
        group.MapPost("/", Send);
        group.MapGet("/", List);
        group.MapPost("/attachments", Upload);
        group.MapGet("/{id}", Get);
        group.MapGet("/{id}/awareness", Awareness);
        group.MapGet("/{id}/recipients", Recipients);
        group.MapGet("/{id}/follow-ups", FollowUps);
        group.MapGet("/{id}/attachment", Download);
        return app;
    }

    private static async Task<IResult> Send(NoticeRequest? request, ClaimsPrincipal user, IGrainFactory grains, RecentWorkerViews workers, OrgScope scope, AttachmentStore store)
    {
        if (request is null)
        {
            return ProblemResults.Invalid("A JSON body {title, body, priority, unitCodes, roles, workerIds} is required.");
        }
        if (!MaySend(user))
        {
            return ProblemResults.Forbidden("Only dispatchers, leaders and administrators send notices; nothing was sent.");
        }
        var errors = NoticeRequestRules.Check(request, out var roles);
        if (errors.Count > 0)
        {
            return ProblemResults.Invalid("Nothing was sent.", errors);
        }
        foreach (var code in request.UnitCodes ?? [])
        {
            if (await grains.GetGrain<IOrgUnitGrain>(code).Get() is null)
            {
                return ProblemResults.Invalid("Nothing was sent.", new Dictionary<string, string[]> { ["unitCodes"] = [$"Unit '{code}' does not exist."] });
            }
            if (!await scope.CoversUnitCode(user, code))
            {
                return ProblemResults.Forbidden($"Unit '{code}' is outside the units your login may act on; nothing was sent.");
            }
        }
        var named = (request.WorkerIds ?? []).ToArray();
        var views = await workers.Get(named);
        var unknown = Array.FindIndex(views, v => v is null);
        if (unknown >= 0)
        {
            return ProblemResults.Invalid("Nothing was sent.", new Dictionary<string, string[]> { ["workerIds"] = [$"No worker with id '{named[unknown]}'."] });
        }
        var covered = await scope.CoversEach(user, views!);
        var outside = Array.IndexOf(covered, false);
        if (outside >= 0)
        {
            return ProblemResults.Forbidden($"Worker '{named[outside]}' is outside the units your login may act on; nothing was sent.");
        }
        NoticeAttachment? attachment = null;
        if (request.AttachmentId is { } attachmentId)
        {
            var file = store.FindAny("notices", attachmentId);
            if (file is null)
            {
                return ProblemResults.Invalid("Nothing was sent.", new Dictionary<string, string[]> { ["attachmentId"] = [$"No uploaded notice attachment '{attachmentId}'; POST it to /api/notices/attachments first."] });
            }
            attachment = new NoticeAttachment(attachmentId, Path.GetFileName(file.Value.Path), file.Value.ContentType, new FileInfo(file.Value.Path).Length);
        }
        var noticeId = "N" + Guid.NewGuid().ToString("N")[..16];
        var draft = new NoticeDraft(request.Title!.Trim(), request.Body ?? "", request.Priority == "urgent" ? NoticePriority.Urgent : NoticePriority.Normal,
            request.UnitCodes ?? [], roles, request.WorkerIds ?? [], user.Identity?.Name ?? "unknown",
            request.RemindAfterSeconds is { } r ? TimeSpan.FromSeconds(r) : null,
            request.FollowUpAfterSeconds is { } f ? TimeSpan.FromSeconds(f) : null, attachment);
        var result = await grains.GetGrain<INoticeGrain>(noticeId).Send(draft);
        return result.Notice is { } sent && result.Refusal is null
            ? Results.Created($"/api/notices/{noticeId}", NoticeResponse.From(sent))
            : ProblemResults.Invalid(result.Refusal ?? "Nothing was sent.");
    }

    /// <summary>The caller's own notices (administrators: all), newest first.</summary>
    private static async Task<IResult> List(ClaimsPrincipal user, IGrainFactory grains)
    {
        var all = await grains.GetGrain<INoticeRegistryGrain>(0).All();
        var mine = all.Where(n => user.IsAdmin() || n.SenderName == user.Identity?.Name).Reverse().ToArray();
        var views = await Task.WhenAll(mine.Select(n => grains.GetGrain<INoticeGrain>(n.Id).Get()));
        return Results.Ok(views.Where(v => v is not null).Select(v => NoticeResponse.From(v!)).ToArray());
    }

    /// <summary>A photo or document for a notice; the id goes into the notice's <c>attachmentId</c>.</summary>
    private static async Task<IResult> Upload(string? fileName, HttpRequest http, ClaimsPrincipal user, AttachmentStore store)
    {
        if (!MaySend(user))
        {
            return ProblemResults.Forbidden("Only dispatchers, leaders and administrators send notices; nothing was kept.");
        }
        var outcome = await store.Save("notices", http.ContentType, http.ContentLength, http.Body, http.HttpContext.RequestAborted);
        return outcome.File is { } file
            ? Results.Created($"/api/notices/attachments/{file.Id}", new { id = file.Id, contentType = file.ContentType, length = file.Length, sha256 = file.Sha256 })
            : Results.Problem(statusCode: outcome.Status, title: outcome.Status == 413 ? "Attachment too large" : "Attachment type not taken", detail: outcome.Reason);
    }

    private static async Task<IResult> Get(string id, ClaimsPrincipal user, IGrainFactory grains, OrgScope scope)
    {
        var (notice, refused) = await Visible(id, user, grains, scope);
        return refused ?? Results.Ok(NoticeResponse.From(notice!));
    }

    /// <summary>Awareness per unit; <c>?level=town</c> keeps one level, <c>?unit=</c> one unit's subtree.</summary>
    private static async Task<IResult> Awareness(string id, string? level, ClaimsPrincipal user, IGrainFactory grains, OrgScope scope)
    {
        OrgLevel? only = null;
        if (level is not null)
        {
            if (!LevelNames.TryParse(level, out var parsed))
            {
                return ProblemResults.Invalid($"Level must be one of {string.Join(", ", LevelNames.All)}, not '{level}'.");
            }
            only = parsed;
        }
        var (notice, refused) = await Visible(id, user, grains, scope);
        if (refused is not null)
        {
            return refused;
        }
        return Results.Ok(await NoticeAwareness.Of(grains, notice!, only));
    }

    private static async Task<IResult> Recipients(string id, ClaimsPrincipal user, IGrainFactory grains, OrgScope scope)
    {
        var (_, refused) = await Visible(id, user, grains, scope);
        return refused ?? Results.Ok((await grains.GetGrain<INoticeGrain>(id).Recipients()).Select(RecipientResponse.From).ToArray());
    }

    /// <summary>Those to call: still unconfirmed after the follow-up deadline (empty before it).</summary>
    private static async Task<IResult> FollowUps(string id, ClaimsPrincipal user, IGrainFactory grains, OrgScope scope)
    {
        var (_, refused) = await Visible(id, user, grains, scope);
        return refused ?? Results.Ok((await grains.GetGrain<INoticeGrain>(id).FollowUps()).Select(RecipientResponse.From).ToArray());
    }

    /// <summary>The notice's file, for its sender and for everyone it went to.</summary>
    private static async Task<IResult> Download(string id, ClaimsPrincipal user, IGrainFactory grains, OrgScope scope, AttachmentStore store)
    {
        var notice = await grains.GetGrain<INoticeGrain>(id).Get();
        if (notice?.Draft.Attachment is not { } attachment)
        {
            return ProblemResults.NotFound("Notice attachment", id);
        }
        var (_, refused) = await Visible(id, user, grains, scope);
        if (refused is not null)
        {
            var recipients = await grains.GetGrain<INoticeGrain>(id).Recipients();
            if (recipients.All(r => r.WorkerId != user.WorkerIdOf()))
            {
                return refused;
            }
        }
        var path = store.Find("notices", attachment.Id, attachment.ContentType);
        return path is null ? ProblemResults.NotFound("Notice attachment", id) : Results.File(path, attachment.ContentType);
    }

    private static bool MaySend(ClaimsPrincipal user) => user.MayManage() || user.RoleOf() == DispatchClaims.Leader;

    /// <summary>The sender, an administrator, or a dispatcher or leader whose scope covers every unit the notice went to.</summary>
    internal static async Task<(NoticeView? Notice, IResult? Refused)> Visible(string id, ClaimsPrincipal user, IGrainFactory grains, OrgScope scope)
    {
        var notice = await grains.GetGrain<INoticeGrain>(id).Get();
        if (notice is null)
        {
            return (null, ProblemResults.NotFound("Notice", id));
        }
        if (user.IsAdmin() || notice.Draft.SenderName == user.Identity?.Name)
        {
            return (notice, null);
        }
        if (MaySend(user) && notice.Draft.UnitCodes.Count > 0)
        {
            var covered = await Task.WhenAll(notice.Draft.UnitCodes.Select(c => scope.CoversUnitCode(user, c)));
            if (covered.All(c => c))
            {
                return (notice, null);
            }
        }
        return (null, ProblemResults.Forbidden($"Notice '{id}' was sent by someone else to units outside your scope."));
    }
}
