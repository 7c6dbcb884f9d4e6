using System.Security.Claims;
using Dispatch.Contracts.Org;
using Dispatch.Gateway.Auth;
using Dispatch.Gateway.Problems;

namespace Dispatch.Gateway.Api;

/// <summary><c>/api/units</c>: the org tree, its members and its counts, within the caller's scope.</summary>
public static class UnitsApi
{
    public static IEndpointRouteBuilder MapUnitsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/units").WithTags("units").RequireAuthorization();
        group.MapGet("/", GetEntryPoints);
        group.MapGet("/{code}", GetUnit);
        group.MapGet("/{code}/counts", GetCounts);
        group.MapGet("/{code}/workers", FindWorkers);
        group.MapPut("/{code}", PutUnit);
        app.MapGet("/api/locate", Locate).WithTags("units").RequireAuthorization();
        return app;
    }

    /// <summary>Where a client starts browsing: every root for an admin, else the caller's scope units.</summary>
    private static async Task<IResult> GetEntryPoints(ClaimsPrincipal user, IGrainFactory grains)
    {
        var codes = user.IsAdmin() ? await grains.GetGrain<IOrgRootsGrain>(0).GetRoots() : user.ScopeOf();
        var views = await Task.WhenAll(codes.Select(c => grains.GetGrain<IOrgUnitGrain>(c).Get()));
        return Results.Ok(views.OfType<UnitView>().Select(v => new UnitRef(v.Definition.Code, v.Definition.Name, LevelNames.Of(v.Definition.Level))).ToArray());
    }

    private static async Task<IResult> GetUnit(string code, ClaimsPrincipal user, IGrainFactory grains)
    {
        var unit = await grains.GetGrain<IOrgUnitGrain>(code).Get();
        if (unit is null)
        {
            return ProblemResults.NotFound("Unit", code);
        }
        return OrgScope.Covers(user, unit) ? Results.Ok(UnitResponse.From(unit)) : OutOfScope(code);
    }

    private static async Task<IResult> GetCounts(string code, ClaimsPrincipal user, IGrainFactory grains)
    {
        var grain = grains.GetGrain<IOrgUnitGrain>(code);
        var unit = await grain.Get();
        if (unit is null)
        {
            return ProblemResults.NotFound("Unit", code);
        }
        if (!OrgScope.Covers(user, unit))
        {
            return OutOfScope(code);
        }
        var counts = await grain.CountSubtree();
        return Results.Ok(new CountsResponse(
            code,
            counts.UnitsByLevel.ToDictionary(kv => LevelNames.Of(kv.Key), kv => kv.Value),
            counts.Workers,
            counts.OnDutyWorkers));
    }

    /// <summary>Every worker under the unit, one entry per person, with the units and roles that matched.</summary>
    private static async Task<IResult> FindWorkers(string code, ClaimsPrincipal user, IGrainFactory grains, string[]? role, bool? onDuty)
    {
        var roles = new List<WorkerRole>();
        foreach (var name in role ?? [])
        {
            if (!RoleNames.TryParse(name, out var parsed))
            {
                return ProblemResults.Invalid($"Unknown role '{name}'. Known roles: {string.Join(", ", RoleNames.All)}.");
            }
            roles.Add(parsed);
        }
        var grain = grains.GetGrain<IOrgUnitGrain>(code);
        var unit = await grain.Get();
        if (unit is null)
        {
            return ProblemResults.NotFound("Unit", code);
        }
        if (!OrgScope.Covers(user, unit))
        {
            return OutOfScope(code);
        }
        var members = await grain.FindMembers(new MemberQuery(roles, onDuty));
        var people = members
            .GroupBy(m => m.WorkerId)
            .Select(g => new WorkerMatch(
                g.Key, g.First().Name, g.First().Phone, g.First().OnDuty,
                g.Select(m => new AssignmentDto(m.UnitCode, RoleNames.Of(m.Role))).ToArray()))
            .OrderBy(w => w.WorkerId, StringComparer.Ordinal)
            .ToArray();
        return Results.Ok(new WorkerSearchResponse(code, people.Length, people));
    }

    private static async Task<IResult> PutUnit(string code, UnitRequest? request, ClaimsPrincipal user, IGrainFactory grains, OrgScope scope)
    {
        if (!user.MayManage())
        {
            return ProblemResults.Forbidden("Only dispatchers and administrators may change the tree.");
        }
        if (request is null)
        {
            return ProblemResults.Invalid("A JSON body describing the unit is required.");
        }
        var existing = await grains.GetGrain<IOrgUnitGrain>(code).Get();
        var parent = request.ParentCode is null ? null : await grains.GetGrain<IOrgUnitGrain>(request.ParentCode).Get();
        var (definition, errors) = UnitRequestRules.Check(code, request, parent);
        if (definition is null)
        {
            return ProblemResults.Invalid("The unit was not saved.", errors);
        }
        var allowed = existing is not null ? OrgScope.Covers(user, existing) : parent is null ? user.IsAdmin() : OrgScope.Covers(user, parent);
        if (!allowed || (parent is not null && !OrgScope.Covers(user, parent)))
        {
            return OutOfScope(code);
        }
        await grains.GetGrain<IOrgUnitGrain>(code).Define(definition);
        var saved = await grains.GetGrain<IOrgUnitGrain>(code).Get();
        return existing is null
            ? Results.Created($"/api/units/{code}", UnitResponse.From(saved!))
            : Results.Ok(UnitResponse.From(saved!));
    }

    private static async Task<IResult> Locate(double? lon, double? lat, ClaimsPrincipal user, IGrainFactory grains, OrgScope scope)
    {
        if (lon is null || lat is null || lon is < -180 or > 180 || lat is < -90 or > 90)
        {
            return ProblemResults.Invalid("Query parameters 'lon' (-180..180) and 'lat' (-90..90) are required.");
        }
        IReadOnlyList<UnitSummary> chain = [];
        foreach (var root in await grains.GetGrain<IOrgRootsGrain>(0).GetRoots())
        {
            chain = await grains.GetGrain<IOrgUnitGrain>(root).Locate(new GeoPoint(lon.Value, lat.Value));
            if (chain.Count > 0)
            {
                break;
            }
        }
        if (chain.Count == 0)
        {
            return Results.Problem(statusCode: 404, title: "Outside the tree", detail: $"No unit contains ({lon}, {lat}).");
        }
        var deepest = chain[^1];
        if (!await scope.CoversUnitCode(user, deepest.Code))
        {
            return OutOfScope(deepest.Code);
        }
        return Results.Ok(new LocateResponse(chain.Select(u => new UnitRef(u.Code, u.Name, LevelNames.Of(u.Level))).ToArray()));
    }

    private static IResult OutOfScope(string code) =>
        ProblemResults.Forbidden($"Unit '{code}' is outside the units your login may see.");
}
