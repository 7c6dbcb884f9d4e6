using System.Security.Claims;
using Dispatch.Contracts.Org;

namespace Dispatch.Gateway.Auth;

/// <summary>
/// Decides whether a caller may see or act on a unit or a worker. A scope is a set of units; it
/// covers those units and everything below them (a unit's path lists its ancestors).
/// </summary>
public sealed class OrgScope(IGrainFactory grains, TimeProvider clock)
{
    /// <summary>
    /// How long a bulk check (<see cref="CoversEach"/>) trusts a unit's path it asked for before: a send to a
    /// whole county asked a thousand unit grains each time (docs/realtime.md). A unit moved in the tree is seen
    /// by bulk checks within this time; single checks always ask.
    /// </summary>
    public static readonly TimeSpan BulkPathLifetime = TimeSpan.FromSeconds(10);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (IReadOnlyList<string> Path, DateTimeOffset Until)> _paths =
        new(StringComparer.Ordinal);

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
                    check = CoversUnitCodeRecently(scope, assignment.UnitCode);
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

    private async Task<bool> CoversUnitCodeRecently(IReadOnlyList<string> scope, string code)
    {
        if (scope.Contains(code))
        {
            return true;
        }
        var now = clock.GetUtcNow();
        if (!_paths.TryGetValue(code, out var known) || known.Until <= now)
        {
            known = (await grains.GetGrain<IOrgUnitGrain>(code).GetPath(), now + BulkPathLifetime);
            _paths[code] = known;
        }
        return known.Path.Any(scope.Contains);
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
