using System.Diagnostics;
using Dispatch.Contracts.Realtime;

namespace Dispatch.Gateway.Realtime;

/// <summary>
/// Sends one REST send to its workers by fanning it out to the gateways instead of through every worker's
/// inbox and presence grain: a broadcast to 5,000 workers was 10,000 grain calls and 5,000 inbox saves
/// before the last device heard of it (docs/realtime.md, "A push").
/// <code>
///   tracker.Open (saved: one row)  ──►  this gateway: HandOut, in process
///                                  ──►  every other gateway: DeliverBroadcast, one one-way call each
///                                  ──►  (the socket writes) ──► InboxGrain.Store ×N (saved) ──► answered
/// </code>
/// Devices may hear of a push before its inbox has saved it, never before its send is saved; the caller is
/// answered once every inbox has it, so an answered send survives a crash as before.
/// </summary>
internal sealed partial class PushFanOut(IGrainFactory grains, GatewayNode node, GatewayObserver local, DeliveryFirst deliveryFirst, ILogger<PushFanOut> logger)
{
    public async Task<IReadOnlyList<string>> Send(PushBroadcast broadcast)
    {
        var started = Stopwatch.GetTimestamp();
        var pausedBefore = GC.GetTotalPauseDuration();
        var collectionsBefore = GC.CollectionCount(0);
        var olderBefore = (GC.CollectionCount(1), GC.CollectionCount(2));
        var jitBefore = (System.Runtime.JitInfo.GetCompiledMethodCount(), System.Runtime.JitInfo.GetCompilationTime());
        var tracker = grains.GetGrain<IPushTrackerGrain>(broadcast.BroadcastId);
        await tracker.Open(broadcast);
        var opened = Stopwatch.GetElapsedTime(started);

        var gateways = await grains.GetGrain<IGatewayDirectoryGrain>(0).GetObservers();
        // Acknowledgements on this gateway wait for the inbox saves as well (DeliveryFirst): an ack that overtakes
        // its push's save costs a tracker call, and the saves are what the acks would compete with.
        var hold = deliveryFirst.Begin();
        TimeSpan served;
        TimeSpan savesFrom;
        PushMessage[] pushes;
        try
        {
            var handed = local.HandOut(broadcast);
            served = Stopwatch.GetElapsedTime(started);
            await DeliverElsewhere(broadcast, tracker, gateways);
            var written = deliveryFirst.AfterSocketWrites(handed);
            pushes = broadcast.WorkerIds.Select((_, i) => broadcast.PushFor(i, tracker)).ToArray(); // off the way to the devices
            await written;
            savesFrom = Stopwatch.GetElapsedTime(started);
            await Task.WhenAll(pushes.Select(push => grains.GetGrain<IInboxGrain>(push.WorkerId).Store(push)));
        }
        finally
        {
            hold.Release();
        }
        LogSent(broadcast.BroadcastId, pushes.Length, opened.TotalMilliseconds, served.TotalMilliseconds, savesFrom.TotalMilliseconds,
            Stopwatch.GetElapsedTime(started).TotalMilliseconds, GC.CollectionCount(0) - collectionsBefore,
            GC.CollectionCount(1) - olderBefore.Item1, GC.CollectionCount(2) - olderBefore.Item2,
            (GC.GetTotalPauseDuration() - pausedBefore).TotalMilliseconds,
            System.Runtime.JitInfo.GetCompiledMethodCount() - jitBefore.Item1, (System.Runtime.JitInfo.GetCompilationTime() - jitBefore.Item2).TotalMilliseconds);
        return pushes.Select(p => p.Id).ToArray();
    }

    private async Task DeliverElsewhere(PushBroadcast broadcast, IPushSender tracker, IEnumerable<IGatewayObserver> gateways)
    {
        var here = node.Observer.GetGrainId();
        foreach (var other in gateways.Where(g => g.GetGrainId() != here))
        {
            try
            {
                // One-way: queued, not awaited on the other gateway.
                await other.DeliverBroadcast(broadcast, tracker);
            }
            catch (Exception e)
            {
                // Its devices get the pushes through Sync once the inboxes have them (below).
                LogGatewayUnreachable(broadcast.BroadcastId, e.Message);
            }
        }
    }

    /// <summary>With the garbage collections meanwhile (the whole process's): their pauses stop every thread, the sends included.</summary>
    [LoggerMessage(LogLevel.Information, "Send {BroadcastId} to {Workers} workers: saved after {SavedMs:F0} ms, handed to this gateway's devices after {ServedMs:F0} ms, inbox saves started after {SavesFromMs:F0} ms, in every inbox after {StoredMs:F0} ms; meanwhile {Collections} garbage collections ({Gen1} of them of gen1 or gen2, {Gen2} of gen2) paused the process {PausedMs:F0} ms, and the JIT compiled {Compiled} methods in {JitMs:F0} ms")]
    private partial void LogSent(string broadcastId, int workers, double savedMs, double servedMs, double savesFromMs, double storedMs, int collections, int gen1, int gen2, double pausedMs, long compiled, double jitMs);

    [LoggerMessage(LogLevel.Warning, "Send {BroadcastId} not handed to a gateway (its devices get it through Sync): {Reason}")]
    private partial void LogGatewayUnreachable(string broadcastId, string reason);
}
