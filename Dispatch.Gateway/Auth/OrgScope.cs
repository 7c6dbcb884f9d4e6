using System.Security.Claims;
using Dispatch.Contracts.Org;

namespace Dispatch.Gateway.Auth;

/// <summary>
/// Decides whether a caller may see or act on a unit or a worker. A scope is a set of units; it
/// covers those units and everything below them (a unit's path lists its ancestors).
/// </summary>
public sealed class OrgScope(IGrainFactory grains)
{
    public static bool Covers(ClaimsPrincipal user, UnitView unit)
    {
        if (user.IsAdmin())
        {
            return true;
        }
        var scope = user.ScopeOf();
        return scope.Contains(unit.Definition.Code) || unit.Path.Any(scope.Contains);
    }

    public async Task<bool> CoversUnitCode(ClaimsPrincipal user, string code)
    {
        if (user.IsAdmin())
        {
            return true;
        }
        var scope = user.ScopeOf();
        if (scope.Contains(code))
        {
            return true;
        }
        var path = await grains.GetGrain<IOrgUnitGrain>(code).GetPath();
        return path.Any(scope.Contains);
    }

    /// <summary>
    /// Workers see only themselves; dispatchers and leaders see a worker assigned anywhere in
    /// their scope.
    /// </summary>
    public async Task<bool> Covers(ClaimsPrincipal user, WorkerView worker)
    {
        if (user.IsAdmin() || user.WorkerIdOf() == worker.Definition.Id)
        {
            return true;
        }
        if (user.RoleOf() == DispatchClaims.Worker)
        {
            return false;
        }
        foreach (var code in worker.Definition.Assignments.Select(a => a.UnitCode).Distinct())
        {
            if (await CoversUnitCode(user, code))
            {
                return true;
            }
        }
        return false;
    }
}
