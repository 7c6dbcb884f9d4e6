using Orleans.Concurrency;

namespace Dispatch.Contracts.Realtime;

/// <summary>
/// One per worker, keyed by worker id: the durable list of the worker's pushes and their receipts.
/// </summary>
public interface IInboxGrain : IGrainWithStringKey
{
    /// <summary>Saves the push (idempotent by id), then hands it to the worker's live devices.</summary>
    Task Push(PushMessage push);

    /// <summary>
    /// Saves the push (idempotent by id) without handing it to the devices: its sender fanned it out to the
    /// gateways itself (<see cref="IGatewayObserver.DeliverBroadcast"/>). A device that synced while the push
    /// was on its way may have missed both, so it goes through presence as well when a sync came that late.
    /// </summary>
    Task Store(PushMessage push);

    /// <summary>
    /// Records a receipt (idempotent) and reports it to the push's sender. A fanned-out push can be
    /// acknowledged before its <see cref="Store"/> arrives; the inbox then takes it from its tracker.
    /// </summary>
    Task<AckOutcome> Ack(string pushId, string deviceId, ReceiptKind kind);

    /// <summary>The pushes not yet delivered to this device or not yet read, oldest first.</summary>
    [ReadOnly]
    Task<IReadOnlyList<PushMessage>> Pending(string deviceId);

    /// <summary>The receipts of one push, or null when the push is not in this inbox.</summary>
    [ReadOnly]
    Task<IReadOnlyList<PushReceipt>?> Receipts(string pushId);
}
