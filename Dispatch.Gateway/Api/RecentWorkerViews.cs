using Dispatch.Contracts.Org;
using Dispatch.Gateway.Auth;

namespace Dispatch.Gateway.Api;

/// <summary>
/// The workers a bulk send names (a push to a whole county names 5,000), each asked of its grain once while the org
/// tree is unchanged (<see cref="OrgVersionedCache{TValue}"/>): asking 5,000 worker grains took 100–330 ms on the
/// way to the first device (docs/realtime.md, "Deliveries first"). A worker moved, renamed or re-credentialed moves
/// the mark, so the next bulk send asks again; an id not found is asked every time, so a worker created a moment
/// ago is found at once.
/// </summary>
public sealed class RecentWorkerViews(IGrainFactory grains)
{
    private readonly OrgVersionedCache<WorkerView> _views = new(grains);

    /// <summary>The view of each id, in order; null where no such worker exists.</summary>
    public async Task<WorkerView?[]> Get(IReadOnlyList<string> workerIds)
    {
        var known = await _views.Current();
        var views = new WorkerView?[workerIds.Count];
        List<(int Index, Task<WorkerView?> Asked)>? asked = null;
        for (var i = 0; i < workerIds.Count; i++)
        {
            if (known.TryGetValue(workerIds[i], out var view))
            {
                views[i] = view;
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
                known[workerIds[index]] = view;
            }
        }
        return views;
    }
}
