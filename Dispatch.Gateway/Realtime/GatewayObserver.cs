using Dispatch.Contracts.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace Dispatch.Gateway.Realtime;

/// <summary>
/// What the grains call on this gateway process: it turns a batch into SignalR sends to the
/// connections (pushes) or to the presence groups of the units (presence).
/// </summary>
internal sealed partial class GatewayObserver(IHubContext<DispatchHub> hub, ILogger<GatewayObserver> logger) : IGatewayObserver
{
    public async Task DeliverPushes(IReadOnlyList<PushDelivery> deliveries)
    {
        foreach (var delivery in deliveries)
        {
            try
            {
                await hub.Clients.Clients(delivery.ConnectionIds).SendAsync(HubEvents.Push, PushView.From(delivery.Push));
            }
            catch (Exception e)
            {
                // The device gets it on its next Sync; the inbox still holds it.
                LogSendFailed(delivery.Push.Id, e.Message);
            }
        }
    }

    public async Task PresenceChanged(IReadOnlyList<PresenceChange> changes)
    {
        foreach (var change in changes)
        {
            try
            {
                await hub.Clients.Groups(change.UnitCodes.Select(PresenceGroups.Of).ToArray())
                    .SendAsync(HubEvents.Presence, PresenceView.From(change));
            }
            catch (Exception e)
            {
                LogSendFailed(change.WorkerId, e.Message);
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Sending {What} to its connections failed: {Reason}")]
    private partial void LogSendFailed(string what, string reason);
}
