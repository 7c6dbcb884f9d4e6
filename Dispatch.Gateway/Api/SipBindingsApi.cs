using System.Security.Claims;
using Dispatch.Contracts.Org;
using Dispatch.Contracts.Sip;
using Dispatch.Gateway.Auth;
using Dispatch.Gateway.Problems;

namespace Dispatch.Gateway.Api;

/// <summary><c>GET /api/workers/{id}/sip-bindings</c>: where a worker's SIP devices are registered now.</summary>
public static class SipBindingsApi
{
    public static IEndpointRouteBuilder MapSipBindingsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/workers/{id}/sip-bindings", GetBindings).WithTags("workers").RequireAuthorization();
        return app;
    }

    private static async Task<IResult> GetBindings(string id, ClaimsPrincipal user, IGrainFactory grains, OrgScope scope, TimeProvider clock)
    {
        var worker = await grains.GetGrain<IWorkerGrain>(id).Get();
        if (worker is null)
        {
            return ProblemResults.NotFound("Worker", id);
        }
        if (!user.MayManage() || !await scope.Covers(user, worker))
        {
            return ProblemResults.Forbidden($"Only administrators and dispatchers whose units include worker '{id}' may see its SIP bindings.");
        }
        var set = await grains.GetGrain<ISipBindingsGrain>(id).Get();
        var now = clock.GetUtcNow();
        return Results.Ok(set.Bindings.Select(b => SipBindingResponse.From(b, now)).ToArray());
    }
}

/// <summary>One registered contact; <c>ExpiresIn</c> is in whole seconds from now.</summary>
public sealed record SipBindingResponse(string Contact, string DeviceId, DateTimeOffset Expires, int ExpiresIn, string Source)
{
    public static SipBindingResponse From(SipBinding b, DateTimeOffset now) =>
        new(b.Contact, b.DeviceId, b.Expires, (int)Math.Ceiling((b.Expires - now).TotalSeconds), b.Source);
}
