using Dispatch.Contracts.Realtime;
using Dispatch.Silo.Realtime;
using Microsoft.Extensions.Options;

namespace Dispatch.Gateway.Realtime;

/// <summary>
/// Keeps this gateway known to the grains, because observers are best effort: every refresh period it
/// registers its observer with the directory again and announces every connected device to its
/// presence grain (which also brings back devices a reactivated grain forgot).
/// </summary>
internal sealed partial class GatewayRegistration(
    GatewayNode node,
    DeviceConnections devices,
    IGrainFactory grains,
    IOptions<RealtimeOptions> options,
    ILogger<GatewayRegistration> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var refresh = options.Value.GatewayRefresh;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = refresh;
            try
            {
                await grains.GetGrain<IGatewayDirectoryGrain>(0).Register(node.Id, node.Observer, options.Value.Lease);
                await AnnounceDevices();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRegistrationFailed(e.Message);
                wait = TimeSpan.FromSeconds(1);
            }
            await Task.Delay(wait, stoppingToken);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            // Best effort: the cluster may be gone already; the directory's lease covers that case.
            await grains.GetGrain<IGatewayDirectoryGrain>(0).Unregister(node.Id).WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
        }
        catch (Exception e)
        {
            LogRegistrationFailed(e.Message);
        }
        node.Release();
    }

    private async Task AnnounceDevices()
    {
        foreach (var chunk in devices.All.Chunk(256))
        {
            await Task.WhenAll(chunk.Select(d => grains.GetGrain<IPresenceGrain>(d.WorkerId)
                .Connect(new DeviceSession(d.DeviceId, d.Kind, d.ConnectionId, node.Id, node.Observer))));
            // A connection that closed while being announced must not linger until its lease runs out.
            await Task.WhenAll(chunk.Where(d => !devices.Contains(d.ConnectionId))
                .Select(d => grains.GetGrain<IPresenceGrain>(d.WorkerId).Disconnect(d.DeviceId, d.ConnectionId)));
        }
    }

    [LoggerMessage(LogLevel.Warning, "Gateway registration with the cluster failed, retrying: {Reason}")]
    private partial void LogRegistrationFailed(string reason);
}
