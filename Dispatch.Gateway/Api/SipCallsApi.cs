using System.Security.Claims;
using Dispatch.Contracts.Org;
using Dispatch.Contracts.Sip;
using Dispatch.Gateway.Auth;
using Dispatch.Gateway.Media;
using Dispatch.Gateway.Problems;
using Dispatch.Media.Sip.Calls;

namespace Dispatch.Gateway.Api;

/// <summary>
/// Calls the server places to a worker's SIP phones (issue 4: "the server can originate an INVITE to a worker"),
/// for administrators and dispatchers whose units include the worker. Calls live on the node whose SIP stack
/// placed them: GET and DELETE must reach the same node.
/// <code>
///   POST   /api/sip/calls        {"number": "13800000001", "ringSeconds": 30}  ─► 202 + Location
///   GET    /api/sip/calls/{id}   ─► state and every step
///   DELETE /api/sip/calls/{id}   ─► 202: BYE (or CANCEL while ringing)
/// </code>
/// </summary>
public static class SipCallsApi
{
    public static IEndpointRouteBuilder MapSipCallsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/sip/calls").WithTags("sip").RequireAuthorization();
        group.MapPost("/", Originate);
        group.MapGet("/{id}", Get);
        group.MapDelete("/{id}", HangUp);
        return app;
    }

    private static async Task<IResult> Originate(OriginateCallRequest? body, ClaimsPrincipal user, IGrainFactory grains, OrgScope scope,
        IServiceProvider services)
    {
        if (!user.MayManage())
        {
            return ProblemResults.Forbidden("Only administrators and dispatchers may place calls to workers' phones.");
        }
        if (body is null || string.IsNullOrWhiteSpace(body.Number))
        {
            return ProblemResults.Invalid("Give the worker's number (its SIP username) in 'number'.",
                new Dictionary<string, string[]> { ["number"] = ["Required."] });
        }
        if (body.RingSeconds is < 5 or > 300)
        {
            return ProblemResults.Invalid("'ringSeconds' must be between 5 and 300.",
                new Dictionary<string, string[]> { ["ringSeconds"] = ["Between 5 and 300."] });
        }
        if (CallsOf(services) is not { } calls)
        {
            return SipDisabled();
        }
        var account = await grains.GetGrain<ISipAccountGrain>(body.Number).Get();
        var worker = account is null ? null : await grains.GetGrain<IWorkerGrain>(account.WorkerId).Get();
        if (account is null || worker is null)
        {
            return ProblemResults.NotFound("Worker with SIP number", body.Number);
        }
        if (!await scope.Covers(user, worker))
        {
            return ProblemResults.Forbidden($"Worker '{account.WorkerId}' is outside your units.");
        }
        var ring = body.RingSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        var callId = calls.Originate(new SipOriginateRequest(body.Number, body.CallerName ?? "Dispatch", ring));
        return Results.Accepted($"/api/sip/calls/{Uri.EscapeDataString(callId)}", new OriginatedCallResponse(callId, body.Number, account.WorkerId));
    }

    private static IResult Get(string id, ClaimsPrincipal user, IServiceProvider services)
    {
        if (!user.MayManage())
        {
            return ProblemResults.Forbidden("Only administrators and dispatchers may see calls.");
        }
        if (services.GetService<SipCallLog>()?.Find(id) is not { Count: > 0 } events)
        {
            return ProblemResults.NotFound("SIP call", id);
        }
        var last = events[^1];
        return Results.Ok(new SipCallResponse(id, last.Call.User, last.Call.WorkerId, last.State.ToString(), last.State == SipCallState.Ended ? last.StatusCode : null,
            events.Select(e => new SipCallStepResponse(e.State.ToString(), e.Detail, e.At, e.StatusCode)).ToArray()));
    }

    private static IResult HangUp(string id, ClaimsPrincipal user, IServiceProvider services)
    {
        if (!user.MayManage())
        {
            return ProblemResults.Forbidden("Only administrators and dispatchers may hang up calls.");
        }
        if (CallsOf(services) is not { } calls)
        {
            return SipDisabled();
        }
        if (services.GetService<SipCallLog>()?.Find(id) is not { Count: > 0 })
        {
            return ProblemResults.NotFound("SIP call", id);
        }
        calls.HangUp(id);
        return Results.Accepted($"/api/sip/calls/{Uri.EscapeDataString(id)}");
    }

    private static SipB2bua? CallsOf(IServiceProvider services) => services.GetService<SipListenerService>()?.Calls;

    private static IResult SipDisabled() => ProblemResults.Unavailable("SIP is off on this node",
        "This node runs no SIP stack: set Dispatch:Sip:Enabled=true (or use a media node) to place calls.");
}

/// <param name="Number">The worker's number, which is its SIP username.</param>
/// <param name="RingSeconds">How long the phones ring (5 to 300; default 60).</param>
/// <param name="CallerName">The name the phone shows (default "Dispatch").</param>
public sealed record OriginateCallRequest(string? Number, int? RingSeconds = null, string? CallerName = null);

public sealed record OriginatedCallResponse(string CallId, string Number, string WorkerId);

/// <param name="State">Routing, Calling, Ringing, Answered, Confirmed or Ended.</param>
/// <param name="FinalStatus">Once ended: 200 after a hang-up, or the SIP failure (480, 486, 487, 408 ...).</param>
public sealed record SipCallResponse(string CallId, string Number, string? WorkerId, string State, int? FinalStatus, SipCallStepResponse[] Steps);

public sealed record SipCallStepResponse(string State, string Detail, DateTimeOffset At, int? StatusCode);
