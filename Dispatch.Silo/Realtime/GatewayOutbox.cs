using System.Collections.Concurrent;
using Dispatch.Contracts.Realtime;
using Microsoft.Extensions.Logging;

namespace Dispatch.Silo.Realtime;

/// <summary>
/// One per silo: collects the pushes the presence grains hand over and sends them to each gateway
/// process as one observer call per short window, instead of one call per push.
/// <code>
///   PresenceGrain(w1..wN).Deliver ──► Enqueue ──(window)──► one DeliverPushes(N deliveries) per gateway
/// </code>
/// Measured (docs/realtime.md): a gateway process takes observer calls one at a time, and a broadcast
/// to 5,000 workers as 5,000 calls queued behind each other for tens of seconds on a loaded machine.
/// Best effort like the observers themselves: a lost batch reaches its devices through Sync.
/// </summary>
public sealed partial class GatewayOutbox(ILogger<GatewayOutbox> logger)
{
    /// <summary>How long the first push of a batch waits for others to join it.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(2);

    /// <summary>Bounds one observer message (a push carries up to a few KiB of text).</summary>
    public const int MaxPerCall = 1000;

    private readonly ConcurrentQueue<Outgoing> _queue = new();
    private int _flushScheduled;

    public void Enqueue(string gatewayId, IGatewayObserver gateway, PushDelivery delivery)
    {
        _queue.Enqueue(new Outgoing(gatewayId, gateway, delivery));
        if (Interlocked.CompareExchange(ref _flushScheduled, 1, 0) == 0)
        {
            _ = Task.Run(FlushAfterWindow);
        }
    }

    private async Task FlushAfterWindow()
    {
        await Task.Delay(Window);
        // Cleared before draining: a push enqueued from now on schedules the next flush, so none is stranded.
        Volatile.Write(ref _flushScheduled, 0);
        var drained = new List<Outgoing>();
        while (_queue.TryDequeue(out var item))
        {
            drained.Add(item);
        }
        foreach (var gateway in drained.GroupBy(o => o.GatewayId, StringComparer.Ordinal))
        {
            var observer = gateway.Last().Gateway;
            foreach (var chunk in gateway.Select(o => o.Delivery).Chunk(MaxPerCall))
            {
                try
                {
                    // One-way: returns once the message is queued; a dead gateway does not hold others up.
                    await observer.DeliverPushes(chunk);
                }
                catch (Exception e)
                {
                    LogSendFailed(gateway.Key, chunk.Length, e.Message);
                }
            }
        }
    }

    private sealed record Outgoing(string GatewayId, IGatewayObserver Gateway, PushDelivery Delivery);

    [LoggerMessage(LogLevel.Warning, "{Count} pushes for gateway {GatewayId} not handed over (devices get them through Sync): {Reason}")]
    private partial void LogSendFailed(string gatewayId, int count, string reason);
}
