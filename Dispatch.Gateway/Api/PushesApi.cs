using System.Security.Claims;
using Dispatch.Contracts.Org;
using Dispatch.Contracts.Realtime;
using Dispatch.Gateway.Auth;
using Dispatch.Gateway.Problems;
using Dispatch.Gateway.Realtime;

namespace Dispatch.Gateway.Api;

/// <summary>
/// <c>/api/pushes</c>: dispatchers and admins push to workers in their scope and read the receipts.
/// Each worker gets a push of its own id (<see cref="PushIds"/>: one tracker per request); the response
/// comes once every push is saved in its inbox.
/// </summary>
public static class PushesApi
{
    public static IEndpointRouteBuilder MapPushesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/pushes").WithTags("pushes").RequireAuthorization();
        group.MapPost("/", Send);
        group.MapGet("/{id}/receipts", GetReceipts);
        return app;
    }

    private static async Task<IResult> Send(PushRequest? request, ClaimsPrincipal user, RecentWorkerViews workers, OrgScope scope, PushFanOut fanOut, TimeProvider clock)
    {
        if (request is null)
        {
            return ProblemResults.Invalid("A JSON body {workerIds, title, body, kind} is required.");
        }
        if (!user.MayManage())
        {
            return ProblemResults.Forbidden("Only dispatchers and administrators may send pushes.");
        }
        var errors = PushRequestRules.Check(request);
        if (errors.Count > 0)
        {
            return ProblemResults.Invalid("Nothing was pushed.", errors);
        }
        var workerIds = request.WorkerIds!.Distinct(StringComparer.Ordinal).ToArray();
        var views = await workers.Get(workerIds);
        var missing = workerIds.Where((_, i) => views[i] is null).ToArray();
        if (missing.Length > 0)
        {
            return ProblemResults.Invalid("Nothing was pushed.", new Dictionary<string, string[]>
            {
                ["workerIds"] = [$"No worker with id {string.Join(", ", missing.Take(20).Select(m => $"'{m}'"))}."],
            });
        }
        var covered = await scope.CoversEach(user, views!);
        var outside = workerIds.Where((_, i) => !covered[i]).ToArray();
        if (outside.Length > 0)
        {
            return ProblemResults.Forbidden($"Workers {string.Join(", ", outside.Take(20))} are outside the units your login may act on; nothing was pushed.");
        }

        var now = clock.GetUtcNow();
        var broadcast = new PushBroadcast(PushIds.NewBroadcast(), request.Kind ?? PushKind.Notice, request.Title!, request.Body ?? "",
            now, user.Identity?.Name ?? "unknown", workerIds);
        var ids = await fanOut.Send(broadcast);
        return Results.Ok(new PushResponse(ids));
    }

    /// <summary>The sender, an admin, or a dispatcher or leader whose scope covers the worker.</summary>
    private static async Task<IResult> GetReceipts(string id, ClaimsPrincipal user, IGrainFactory grains, OrgScope scope)
    {
        var track = PushIds.TrySplit(id, out var broadcastId, out _)
            ? await grains.GetGrain<IPushTrackerGrain>(broadcastId).Get(id)
            : null;
        if (track is null)
        {
            return ProblemResults.NotFound("Push", id);
        }
        var isSender = track.Push.SenderName == user.Identity?.Name;
        if (!isSender && !user.IsAdmin())
        {
            var worker = await grains.GetGrain<IWorkerGrain>(track.Push.WorkerId).Get();
            if (worker is null || user.RoleOf() == DispatchClaims.Worker || !await scope.Covers(user, worker))
            {
                return ProblemResults.Forbidden($"Push '{id}' went to a worker outside the units your login may see.");
            }
        }
        return Results.Ok(PushReceiptsResponse.From(track));
    }
}
