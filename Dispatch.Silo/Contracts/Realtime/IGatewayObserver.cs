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

    [Orleans.Concurrency.OneWay]
    Task PresenceChanged(IReadOnlyList<PresenceChange> changes);

    /// <summary>Ringing, answers and ends of calls for this gateway's devices and media node (docs/calls.md).</summary>
    [Orleans.Concurrency.OneWay]
    Task CallSignals(IReadOnlyList<Calls.CallSignal> signals);
}
