using System.Security.Claims;
using Dispatch.Contracts.Org;
using Dispatch.Contracts.Tasks;
using Dispatch.Gateway.Attachments;
using Dispatch.Gateway.Auth;
using Dispatch.Gateway.Problems;
using Dispatch.Silo.Tasks;
using Microsoft.Extensions.Options;

namespace Dispatch.Gateway.Api.Tasks;

/// <summary>
/// <c>/api/tasks</c>: report, list, read and act on tasks within the caller's scope, and attach photos.
/// The transition rules live in the task grain; this layer checks input and scope and maps refusals to problems.
/// </summary>
public static class TasksApi
{
    public static IEndpointRouteBuilder MapTasksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tasks").WithTags("tasks").RequireAuthorization();
        group.MapGet("/categories", Categories);
        group.MapPost("/", Create);
        group.MapGet("/", List);
        group.MapGet("/{id}", Get);
        group.MapPost("/{id}/actions", Act);
        group.MapPost("/{id}/attachments", Attach);
        group.MapGet("/{id}/attachments/{attachmentId}", Download);
        return app;
    }

    private static IResult Categories(IOptions<TaskOptions> options) => Results.Ok(options.Value.Categories
        .OrderBy(c => c.Key, StringComparer.Ordinal)
        .Select(c => new TaskCategoryResponse(c.Key, c.Value.Name, Enum.GetValues<OrgLevel>().Where(l => l != OrgLevel.MicroGrid)
            .ToDictionary(LevelNames.Of, l => c.Value.DeadlineAt(l).TotalHours)))
        .ToArray());

    private static async Task<IResult> Create(TaskRequest? request, ClaimsPrincipal user, IGrainFactory grains, OrgScope scope, IOptions<TaskOptions> options)
    {
        if (request is null)
        {
            return ProblemResults.Invalid("A JSON body {source, category, title, description, longitude, latitude} is required.");
        }
        var errors = TaskRequestRules.Check(request, options.Value);
        if (errors.Count > 0)
        {
            return ProblemResults.Invalid("No task was created.", errors);
        }
        TaskNames.TryParse<TaskSource>(request.Source ?? "worker_report", out var source);
        if (user.RoleOf() == DispatchClaims.Worker && source != TaskSource.WorkerReport)
        {
            return ProblemResults.Forbidden("Grid workers report tasks with source 'worker_report'; nothing was created.");
        }
        var place = new GeoPoint(request.Longitude!.Value, request.Latitude!.Value);
        // Placed before anything is written, so a task outside the caller's grids is never created.
        var path = await TaskPlacement.GridPath(grains, place);
        if (path.Count == 0)
        {
            return ProblemResults.Invalid("No task was created.", new Dictionary<string, string[]>
            {
                ["longitude"] = [$"The place ({place.Longitude}, {place.Latitude}) lies in no grid's boundary."],
            });
        }
        if (!await scope.CoversUnitCode(user, path[^1]))
        {
            return ProblemResults.Forbidden($"The place lies in grid '{path[^1]}', outside the units your login may act on; nothing was created.");
        }
        var id = "T" + Guid.NewGuid().ToString("N")[..16];
        var result = await grains.GetGrain<ITaskGrain>(id).Create(new NewTask(source, request.Category!, request.Title!.Trim(),
            request.Description ?? "", place, TaskAccess.ActorOf(user)));
        return result.Done
            ? Results.Created($"/api/tasks/{id}", TaskResponse.From(result.Task!, CategoryName(options, result.Task!)))
            : TaskProblems.Of(result, id);
    }

    /// <summary>The tasks under <c>unit</c> (default: every unit of the caller's scope), optionally of one stage.</summary>
    private static async Task<IResult> List(string? unit, string? stage, ClaimsPrincipal user, IGrainFactory grains, OrgScope scope)
    {
        TaskStage? wanted = null;
        if (stage is not null)
        {
            if (!TaskNames.TryParse<TaskStage>(stage, out var parsed))
            {
                return ProblemResults.Invalid($"Stage must be one of {string.Join(", ", TaskNames.All<TaskStage>())}, not '{stage}'.");
            }
            wanted = parsed;
        }
        var registry = grains.GetGrain<ITaskRegistryGrain>(0);
        IReadOnlyList<TaskSummary> tasks;
        if (unit is not null)
        {
            if (!await scope.CoversUnitCode(user, unit))
            {
                return ProblemResults.Forbidden($"Unit '{unit}' is outside the units your login may see.");
            }
            tasks = await registry.Under(unit);
        }
        else if (user.IsAdmin())
        {
            tasks = await registry.All();
        }
        else
        {
            var lists = await Task.WhenAll(user.ScopeOf().Select(registry.Under));
            tasks = lists.SelectMany(l => l).DistinctBy(t => t.Id).OrderBy(t => t.CreatedAt).ToArray();
        }
        return Results.Ok(tasks.Where(t => wanted is null || t.Stage == wanted).Select(TaskListItem.From).ToArray());
    }

    private static async Task<IResult> Get(string id, ClaimsPrincipal user, IGrainFactory grains, IOptions<TaskOptions> options)
    {
        var (task, refused) = await Visible(id, user, grains);
        return refused ?? Results.Ok(TaskResponse.From(task!, CategoryName(options, task!)));
    }

    private static async Task<IResult> Act(string id, TaskActionRequest? request, ClaimsPrincipal user, IGrainFactory grains, IOptions<TaskOptions> options)
    {
        if (request is null || !TaskNames.TryParse<TaskAction>(request.Action, out var action))
        {
            return ProblemResults.Invalid($"A JSON body with 'action' (one of {string.Join(", ", TaskNames.All<TaskAction>())}) is required; nothing changed.");
        }
        if (request.Note is { Length: > TaskRequestRules.MaxDescription })
        {
            return ProblemResults.Invalid($"The note is longer than {TaskRequestRules.MaxDescription} characters; nothing changed.");
        }
        var (_, refused) = await Visible(id, user, grains);
        if (refused is not null)
        {
            return refused;
        }
        var result = await grains.GetGrain<ITaskGrain>(id).Act(new TaskCommand(action, TaskAccess.ActorOf(user), request.Note,
            request.UnitCode, request.WorkerId, request.Satisfaction));
        return result.Done ? Results.Ok(TaskResponse.From(result.Task!, CategoryName(options, result.Task!))) : TaskProblems.Of(result, id);
    }

    /// <summary>The body is the file itself (Content-Type image/jpeg, image/png or image/webp); <c>?fileName=</c> names it.</summary>
    private static async Task<IResult> Attach(string id, string? fileName, HttpRequest http, ClaimsPrincipal user, IGrainFactory grains,
        AttachmentStore store, TimeProvider clock, IOptions<TaskOptions> options)
    {
        var (task, refused) = await Visible(id, user, grains);
        if (refused is not null)
        {
            return refused;
        }
        if (task!.Stage == TaskStage.Closed)
        {
            return Results.Problem(statusCode: 409, title: "Task closed", detail: $"Task '{id}' is closed; nothing can be attached.");
        }
        var name = string.IsNullOrWhiteSpace(fileName) ? "photo" : Path.GetFileName(fileName.Trim());
        if (name.Length > 200)
        {
            return ProblemResults.Invalid("fileName is longer than 200 characters; nothing was kept.");
        }
        var outcome = await store.Save(Path.Combine("tasks", id), http.ContentType, http.ContentLength, http.Body, http.HttpContext.RequestAborted);
        if (outcome.File is not { } file)
        {
            return Results.Problem(statusCode: outcome.Status, title: outcome.Status switch
            {
                413 => "Attachment too large",
                415 => "Attachment type not taken",
                _ => "Invalid attachment",
            }, detail: outcome.Reason);
        }
        var attachment = new TaskAttachment(file.Id, name, file.ContentType, file.Length, file.Sha256, clock.GetUtcNow(), user.Identity?.Name ?? "unknown");
        var result = await grains.GetGrain<ITaskGrain>(id).AddAttachment(attachment);
        if (!result.Done)
        {
            AttachmentStore.Delete(file);
            return TaskProblems.Of(result, id);
        }
        return Results.Created($"/api/tasks/{id}/attachments/{file.Id}", TaskResponse.From(result.Task!, CategoryName(options, result.Task!)));
    }

    private static async Task<IResult> Download(string id, string attachmentId, ClaimsPrincipal user, IGrainFactory grains, AttachmentStore store)
    {
        var (task, refused) = await Visible(id, user, grains);
        if (refused is not null)
        {
            return refused;
        }
        var attachment = task!.Attachments.FirstOrDefault(a => a.Id == attachmentId);
        var path = attachment is null ? null : store.Find(Path.Combine("tasks", id), attachment.Id, attachment.ContentType);
        return path is null ? ProblemResults.NotFound("Attachment", attachmentId) : Results.File(path, attachment!.ContentType, attachment.FileName);
    }

    private static async Task<(TaskView? Task, IResult? Refused)> Visible(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        var task = await grains.GetGrain<ITaskGrain>(id).Get();
        if (task is null)
        {
            return (null, ProblemResults.NotFound("Task", id));
        }
        return TaskAccess.Sees(user, task.PlacePath)
            ? (task, null)
            : (null, ProblemResults.Forbidden($"Task '{id}' lies in grid '{task.GridCode}', outside the units your login may see."));
    }

    private static string CategoryName(IOptions<TaskOptions> options, TaskView task) =>
        options.Value.Categories.TryGetValue(task.CategoryCode, out var c) ? c.Name : task.CategoryCode;
}
