using System.Globalization;
using System.Security.Claims;
using Dispatch.Contracts.Calls;
using Dispatch.Contracts.Org;
using Dispatch.Gateway.Auth;
using Dispatch.Gateway.Calls;
using Dispatch.Gateway.Problems;

namespace Dispatch.Gateway.Api.Calls;

/// <summary>
/// Call records (docs/calls.md), within the caller's scope: administrators see every call; dispatchers and leaders
/// the calls whose caller or callee belongs to their units; everybody sees the calls they took part in.
/// <code>
///   GET /api/calls?unit=&amp;worker=&amp;from=&amp;to=&amp;outcome=&amp;offset=0&amp;limit=50   ─► newest first, with the total
///   GET /api/calls/{id}
/// </code>
/// </summary>
public static class CallsApi
{
    public const int MaxLimit = 200;

    public static IEndpointRouteBuilder MapCallsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/calls").WithTags("calls").RequireAuthorization();
        group.MapGet("/", List);
        group.MapGet("/{id}", Get);
        return app;
    }

    private static async Task<IResult> List(string? unit, string? worker, string? from, string? to, string? outcome, string? offset, string? limit,
        ClaimsPrincipal user, IGrainFactory grains, OrgScope scope)
    {
        var errors = new Dictionary<string, string[]>();
        var fromAt = Time(from, "from", errors);
        var toAt = Time(to, "to", errors);
        var wantedOutcome = Outcome(outcome, errors);
        var skip = Number(offset, "offset", 0, 0, int.MaxValue, errors);
        var take = Number(limit, "limit", 50, 1, MaxLimit, errors);
        if (fromAt is not null && toAt is not null && fromAt >= toAt)
        {
            errors["to"] = ["Must be later than 'from'."];
        }
        if (errors.Count > 0)
        {
            return ProblemResults.Invalid("Some query parameters are not valid; see 'errors'.", errors);
        }
        if (!string.IsNullOrWhiteSpace(unit))
        {
            if (await grains.GetGrain<IOrgUnitGrain>(unit).Get() is null)
            {
                return ProblemResults.NotFound("Unit", unit);
            }
            if (!await scope.CoversUnitCode(user, unit))
            {
                return ProblemResults.Forbidden($"Unit '{unit}' is outside the units your login may see.");
            }
        }
        var query = new CallQuery(
            user.IsAdmin() ? null : user.RoleOf() == DispatchClaims.Worker ? [] : user.ScopeOf(),
            user.WorkerIdOf(),
            string.IsNullOrWhiteSpace(unit) ? null : unit,
            string.IsNullOrWhiteSpace(worker) ? null : worker,
            fromAt, toAt, wantedOutcome, skip, take);
        var page = await grains.GetGrain<ICallRegistryGrain>(0).Query(query);
        return Results.Ok(new CallListResponse(page.Calls.Select(CallView.From).ToArray(), page.Total, skip, take));
    }

    private static async Task<IResult> Get(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        var record = await grains.GetGrain<ICallGrain>(id).Get();
        if (record is null)
        {
            return ProblemResults.NotFound("Call", id);
        }
        var visible = user.IsAdmin()
            || (user.WorkerIdOf() is { } self && record.Involves(self))
            || (user.RoleOf() != DispatchClaims.Worker && record.UnitCodes.Any(user.ScopeOf().Contains));
        return visible ? Results.Ok(CallView.From(record)) : ProblemResults.Forbidden($"Call '{id}' is outside your units and you took no part in it.");
    }

    private static DateTimeOffset? Time(string? raw, string name, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }
        if (DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return at;
        }
        errors[name] = [$"'{raw}' is not a date and time; use ISO 8601, e.g. 2026-11-28T08:00:00Z."];
        return null;
    }

    private static CallOutcome? Outcome(string? raw, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }
        foreach (var value in Enum.GetValues<CallOutcome>())
        {
            if (CallView.Snake(value) == raw)
            {
                return value;
            }
        }
        errors["outcome"] = [$"'{raw}' is not an outcome; use one of {string.Join(", ", Enum.GetValues<CallOutcome>().Select(v => CallView.Snake(v)))}."];
        return null;
    }

    private static int Number(string? raw, string name, int fallback, int min, int max, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return fallback;
        }
        if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
        {
            return n;
        }
        errors[name] = [$"'{raw}' is not a whole number from {min} to {max}."];
        return fallback;
    }
}
