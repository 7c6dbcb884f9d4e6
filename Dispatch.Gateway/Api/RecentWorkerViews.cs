using System.Collections.Concurrent;
using Dispatch.Contracts.Org;
using Dispatch.Gateway.Auth;

namespace Dispatch.Gateway.Api;

/// <summary>
/// The workers a bulk send names (a push to a whole county names 5,000), each asked of its grain at most once per
/// <see cref="Lifetime"/>: asking 5,000 worker grains took 100–250 ms on the way to the first device
/// (docs/realtime.md, "Deliveries first"). Like <see cref="OrgScope.BulkPathLifetime"/>, a worker moved to
/// another unit is seen by bulk sends within that time; an id not found is asked again every time, so a worker
/// created a moment ago is found at once.
/// </summary>
public sealed class RecentWorkerViews(IGrainFactory grains, TimeProvider clock)
{
    public static TimeSpan Lifetime => OrgScope.BulkPathLifetime;

    private readonly ConcurrentDictionary<string, (WorkerView View, DateTimeOffset Until)> _views = new(StringComparer.Ordinal);

    /// <summary>The view of each id, in order; null where no such worker exists.</summary>
    public async Task<WorkerView?[]> Get(IReadOnlyList<string> workerIds)
    {
        var now = clock.GetUtcNow();
        var views = new WorkerView?[workerIds.Count];
        List<(int Index, Task<WorkerView?> Asked)>? asked = null;
        for (var i = 0; i < workerIds.Count; i++)
        {
            if (_views.TryGetValue(workerIds[i], out var known) && known.Until > now)
            {
                views[i] = known.View;
            }
            else
            {
                (asked ??= []).Add((i, grains.GetGrain<IWorkerGrain>(workerIds[i]).Get()));
            }
        }
        foreach (var (index, task) in asked ?? [])
        {
            if (await task is { } view)
            {
                views[index] = view;
                _views[workerIds[index]] = (view, now + Lifetime);
            }
        }
        return views;
    }
}
