using Dispatch.Contracts.Org;
using Dispatch.Silo.Grid;
using Microsoft.Extensions.Logging;

namespace Dispatch.Silo.Org;

/// <summary>
/// Writes a snapshot (the demo tree or a validated import) into the grains: units level by level
/// so that every parent exists before its children, then workers (which register themselves with
/// their units), then SIP credentials. Applying the same snapshot again changes nothing.
/// </summary>
public sealed partial class OrgSnapshotApplier(IGrainFactory grains, ILogger<OrgSnapshotApplier> logger)
{
    private const int Parallelism = 64;

    public async Task Apply(OrgSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        var progress = new Progress(snapshot.Units.Count + snapshot.Workers.Count, this);
        foreach (var level in snapshot.Units.GroupBy(u => u.Level).OrderBy(g => g.Key))
        {
            await ForEach(level, u => grains.GetGrain<IOrgUnitGrain>(u.Code).Define(u), progress, cancellationToken);
        }
        await ForEach(snapshot.Workers, w => grains.GetGrain<IWorkerGrain>(w.Id).Define(w), progress, cancellationToken);
        await ForEach(snapshot.SipDevices, kv => grains.GetGrain<IWorkerGrain>(kv.Key).SetSipDevices(kv.Value), null, cancellationToken);
    }

    private static Task ForEach<T>(IEnumerable<T> items, Func<T, Task> apply, Progress? progress, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (item, _) =>
            {
                await apply(item);
                progress?.Step();
            });

    /// <summary>Logs every tenth of the way, so a long load shows it is moving.</summary>
    private sealed class Progress(int total, OrgSnapshotApplier owner)
    {
        private int _done;

        public void Step()
        {
            var done = Interlocked.Increment(ref _done);
            var step = Math.Max(1, total / 10);
            if (done % step == 0 || done == total)
            {
                owner.LogProgress(done, total);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loading org tree: {Done}/{Total} units and workers")]
    private partial void LogProgress(int done, int total);
}
