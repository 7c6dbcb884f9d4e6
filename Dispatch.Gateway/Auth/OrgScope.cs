using System.Security.Claims;
using Dispatch.Contracts.Org;

namespace Dispatch.Gateway.Auth;

/// <summary>
/// Decides whether a caller may see or act on a unit or a worker. A scope is a set of units; it
/// covers those units and everything below them (a unit's path lists its ancestors).
/// </summary>
public sealed class OrgScope(IGrainFactory grains)
{
    /// <summary>
    /// Unit paths a bulk check (<see cref="CoversEach"/>) asked for, kept while the org tree is unchanged: a send to
    /// a whole county asked a thousand unit grains each time (docs/realtime.md). Single checks always ask.
    /// </summary>
    private readonly OrgVersionedCache<IReadOnlyList<string>> _paths = new(grains);

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
    /// <see cref="Covers(ClaimsPrincipal, WorkerView)"/> for many workers at once, asking about each unit once:
    /// a push to a whole county names 5,000 workers but only a few hundred units.
    /// </summary>
    public async Task<bool[]> CoversEach(ClaimsPrincipal user, IReadOnlyList<WorkerView> workers)
    {
        var covered = new bool[workers.Count];
        var isAdmin = user.IsAdmin();
        var self = user.WorkerIdOf();
        var isWorker = user.RoleOf() == DispatchClaims.Worker;
        var scope = user.ScopeOf();
        var units = new Dictionary<string, Task<bool>>(StringComparer.Ordinal);
        var paths = isAdmin || isWorker ? null : await _paths.Current();
        for (var i = 0; i < workers.Count; i++)
        {
            var worker = workers[i];
            if (isAdmin || self == worker.Definition.Id)
            {
                covered[i] = true;
                continue;
            }
            if (isWorker)
            {
                continue;
            }
            foreach (var assignment in worker.Definition.Assignments)
            {
                if (!units.TryGetValue(assignment.UnitCode, out var check))
                {
                    check = CoversUnitCodeRecently(scope, assignment.UnitCode, paths!);
                    units[assignment.UnitCode] = check;
                }
                if (await check)
                {
                    covered[i] = true;
                    break;
                }
            }
        }
        return covered;
    }

    /// <summary>Reads the paths of these units into the bulk checks' cache (<c>OrgCacheWarmUp</c>).</summary>
    public async Task WarmPaths(IReadOnlyList<string> unitCodes)
    {
        var paths = await _paths.Current();
        var asked = unitCodes.Where(c => !paths.ContainsKey(c))
            .Select(async c => paths[c] = await grains.GetGrain<IOrgUnitGrain>(c).GetPath());
        await Task.WhenAll(asked);
    }

    private async Task<bool> CoversUnitCodeRecently(IReadOnlyList<string> scope, string code,
        System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<string>> paths)
    {
        if (scope.Contains(code))
        {
            return true;
        }
        if (!paths.TryGetValue(code, out var path))
        {
            path = await grains.GetGrain<IOrgUnitGrain>(code).GetPath();
            paths[code] = path;
        }
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
