using System.Diagnostics;
using Dispatch.Contracts.Org;
using Dispatch.Gateway.Auth;
using Dispatch.Gateway.Health;

namespace Dispatch.Gateway.Api;

/// <summary>
/// Once the gateway is ready (data loaded, or the cluster reachable), reads every worker's view and every unit's path into the caches bulk sends use
/// (<see cref="RecentWorkerViews"/>, <see cref="OrgScope"/>), which now last until the org tree changes: the first
/// send to a whole county after a start spent ~0.7 s asking 5,000 worker grains and a thousand unit grains before
/// its first device heard of it (docs/realtime.md). In the background; a failure only leaves the caches to fill on
/// first use.
/// </summary>
internal sealed partial class OrgCacheWarmUp(
    IGrainFactory grains, RecentWorkerViews workers, OrgScope scope, GatewayReadiness readiness, ILogger<OrgCacheWarmUp> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Ready: the demo data is loaded (single node, first start) or the cluster is reachable (gateway only).
            while (!readiness.IsReady)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), stoppingToken);
            }
            var started = Stopwatch.GetTimestamp();
            var roots = await grains.GetGrain<IOrgRootsGrain>(0).GetRoots();
            var members = (await Task.WhenAll(roots.Select(r => grains.GetGrain<IOrgUnitGrain>(r).FindMembers(new MemberQuery()))))
                .SelectMany(m => m).ToArray();
            var workerIds = members.Select(m => m.WorkerId).Distinct(StringComparer.Ordinal).ToArray();
            var unitCodes = members.Select(m => m.UnitCode).Distinct(StringComparer.Ordinal).ToArray();
            await workers.Get(workerIds);
            await scope.WarmPaths(unitCodes);
            LogWarmed(workerIds.Length, unitCodes.Length, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogNotWarmed(e.Message);
        }
    }

    [LoggerMessage(LogLevel.Information, "Org caches for bulk sends filled: {Workers} workers, {Units} units in {Ms:F0} ms")]
    private partial void LogWarmed(int workers, int units, double ms);

    [LoggerMessage(LogLevel.Warning, "Org caches for bulk sends not filled at start (they fill on first use): {Reason}")]
    private partial void LogNotWarmed(string reason);
}
