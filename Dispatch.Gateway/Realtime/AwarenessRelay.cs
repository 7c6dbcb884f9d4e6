using System.Collections.Concurrent;
using Dispatch.Contracts.Notices;
using Dispatch.Gateway.Api.Notices;
using Microsoft.AspNetCore.SignalR;

namespace Dispatch.Gateway.Realtime;

/// <summary>
/// Sends <c>awareness</c> events to the consoles watching a notice on this gateway: once a second it reads
/// the counts of each watched notice and sends them when they changed. Polling the notice grain (rather
/// than a callback from it) keeps the notice free of gateway bookkeeping and works the same in a cluster.
/// </summary>
internal sealed partial class AwarenessRelay(IHubContext<DispatchHub> hub, IGrainFactory grains, ILogger<AwarenessRelay> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _watchers = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, AwarenessCount> _lastSent = new(StringComparer.Ordinal);

    public static string GroupOf(string noticeId) => "awareness:" + noticeId;

    public void Watch(string noticeId, string connectionId) =>
        _watchers.GetOrAdd(noticeId, _ => new ConcurrentDictionary<string, byte>(StringComparer.Ordinal))[connectionId] = 0;

    public void Unwatch(string noticeId, string connectionId)
    {
        if (_watchers.TryGetValue(noticeId, out var connections))
        {
            connections.TryRemove(connectionId, out _);
        }
    }

    public void Forget(string connectionId)
    {
        foreach (var connections in _watchers.Values)
        {
            connections.TryRemove(connectionId, out _);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var (noticeId, connections) in _watchers)
            {
                if (connections.IsEmpty)
                {
                    _watchers.TryRemove(noticeId, out _);
                    _lastSent.TryRemove(noticeId, out _);
                    continue;
                }
                try
                {
                    await Relay(noticeId, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogRelayFailed(noticeId, e.Message);
                }
            }
        }
    }

    private async Task Relay(string noticeId, CancellationToken cancellationToken)
    {
        var notice = await grains.GetGrain<INoticeGrain>(noticeId).Get();
        if (notice is null || (_lastSent.TryGetValue(noticeId, out var last) && last == notice.Total))
        {
            return;
        }
        var awareness = await NoticeAwareness.Of(grains, notice);
        await hub.Clients.Group(GroupOf(noticeId)).SendAsync(HubEvents.Awareness, awareness, cancellationToken);
        _lastSent[noticeId] = notice.Total;
    }

    [LoggerMessage(LogLevel.Warning, "Relaying the awareness of notice {NoticeId} failed: {Reason}")]
    private partial void LogRelayFailed(string noticeId, string reason);
}
