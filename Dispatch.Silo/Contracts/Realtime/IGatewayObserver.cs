namespace Dispatch.Contracts.Realtime;

/// <summary>
/// One per gateway process: the grains' way to reach devices. Calls are one-way (a dead gateway must not
/// hold a grain up) and batched: one call per gateway carries everything for its connections.
/// Observers are best effort; the inbox, not the observer, is what guarantees delivery.
/// </summary>
public interface IGatewayObserver : IGrainObserver
{
    [Orleans.Concurrency.OneWay]
    Task DeliverPushes(IReadOnlyList<PushDelivery> deliveries);

    /// <summary>
    /// One REST send, fanned out by its sender to every gateway: each sends recipient <c>i</c>'s push to the
    /// worker's devices connected to it. The send is saved (its tracker) before this is called; the inboxes
    /// save their copies meanwhile (docs/realtime.md, "A push").
    /// </summary>
    [Orleans.Concurrency.OneWay]
    Task DeliverBroadcast(PushBroadcast broadcast, IPushSender sender);

    [Orleans.Concurrency.OneWay]
    Task PresenceChanged(IReadOnlyList<PresenceChange> changes);

    /// <summary>Ringing, answers and ends of calls for this gateway's devices and media node (docs/calls.md).</summary>
    [Orleans.Concurrency.OneWay]
    Task CallSignals(IReadOnlyList<Calls.CallSignal> signals);
}
