using Dispatch.Contracts.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace Dispatch.Gateway.Realtime;

/// <summary>
/// What the grains call on this gateway process: it turns a batch into SignalR sends to the
/// connections (pushes) or to the presence groups of the units (presence).
/// </summary>
internal sealed partial class GatewayObserver(IHubContext<DispatchHub> hub, DeviceConnections devices, DeliveryFirst deliveryFirst, ILogger<GatewayObserver> logger) : IGatewayObserver
{
    /// <summary>
    /// Starts every send and returns: Orleans hands an observer its calls one at a time, so awaiting each
    /// SignalR send here would make a broadcast to thousands of workers wait on every socket in turn.
    /// Sends go connection by connection (<c>Clients.Client</c>, a dictionary lookup): the in-memory
    /// lifetime manager answers <c>Clients.Clients(ids)</c> by walking every connection of the process
    /// and testing it against the list, which made a broadcast quadratic (5,000 pushes × 5,000 connections).
    /// </summary>
    public Task DeliverPushes(IReadOnlyList<PushDelivery> deliveries)
    {
        foreach (var delivery in deliveries)
        {
            var view = PushView.From(delivery.Push);
            foreach (var connectionId in delivery.ConnectionIds)
            {
                Observe(hub.Clients.Client(connectionId).SendAsync(HubEvents.Push, view), delivery.Push.Id);
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// A send fanned out to every gateway: recipient <c>i</c>'s push goes to the worker's devices on this process,
    /// found in <see cref="DeviceConnections"/> (no grain asked). Workers with no device here are skipped; their
    /// inboxes keep the push for the next Sync. Acknowledgements wait until every send is written
    /// (<see cref="DeliveryFirst"/>).
    /// </summary>
    public Task DeliverBroadcast(PushBroadcast broadcast, IPushSender sender)
    {
        HandOut(broadcast);
        return Task.CompletedTask;
    }

    /// <summary>
    /// <see cref="DeliverBroadcast"/> for the gateway that took the send (<see cref="PushFanOut"/>), which also
    /// needs to know how many sends it handed out. Each push asks its device to spread its acknowledgement
    /// (<see cref="AckSpread"/>).
    /// </summary>
    public int HandOut(PushBroadcast broadcast)
    {
        var hold = deliveryFirst.Begin();
        var ackAfterMs = AckSpread.MillisecondsFor(broadcast.WorkerIds.Count);
        var handed = 0;
        List<Task>? pending = null;
        try
        {
            for (var i = 0; i < broadcast.WorkerIds.Count; i++)
            {
                var here = devices.OfWorker(broadcast.WorkerIds[i]);
                if (here.Count == 0)
                {
                    continue;
                }
                var view = new PushView(PushIds.Of(broadcast.BroadcastId, i), broadcast.Kind, broadcast.Title, broadcast.Body,
                    broadcast.CreatedAt, broadcast.SenderName, ackAfterMs);
                foreach (var device in here)
                {
                    handed++;
                    var send = hub.Clients.Client(device.ConnectionId).SendAsync(HubEvents.Push, view);
                    Observe(send, view.Id);
                    if (!send.IsCompleted)
                    {
                        (pending ??= []).Add(send);
                    }
                }
            }
        }
        finally
        {
            if (pending is null)
            {
                hold.Release();
            }
            else
            {
                Task.WhenAll(pending).ContinueWith(_ => hold.Release(), CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
        return handed;
    }

    public Task PresenceChanged(IReadOnlyList<PresenceChange> changes)
    {
        foreach (var change in changes)
        {
            Observe(hub.Clients.Groups(change.UnitCodes.Select(PresenceGroups.Of).ToArray())
                .SendAsync(HubEvents.Presence, PresenceView.From(change)), change.WorkerId);
        }
        return Task.CompletedTask;
    }

    /// <summary>A failed send is logged; the device gets the push on its next Sync, the inbox still holds it.</summary>
    private void Observe(Task send, string what)
    {
        if (!send.IsCompletedSuccessfully)
        {
            ObserveFailure(send, what);
        }
    }

    /// <summary>Apart from <see cref="Observe"/> so that its closure is made only for a send still running, not for every send.</summary>
    private void ObserveFailure(Task send, string what) =>
        send.ContinueWith(t => LogSendFailed(what, t.Exception!.GetBaseException().Message),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    [LoggerMessage(LogLevel.Warning, "Sending {What} to its connections failed: {Reason}")]
    private partial void LogSendFailed(string what, string reason);
}
