using Orleans.Concurrency;

namespace Dispatch.Contracts.Realtime;

/// <summary>
/// Keyed by the broadcast id (<see cref="PushIds"/>): the sender of one REST send, keeping the receipts
/// of all its pushes for the API.
/// </summary>
public interface IPushTrackerGrain : IPushSender
{
    /// <summary>Records the send; idempotent. Receipts that arrive before it are kept.</summary>
    Task Open(PushBroadcast broadcast);

    /// <summary>One push of this send and its receipts; null for an id this send does not have.</summary>
    [ReadOnly]
    Task<PushTrack?> Get(string pushId);
}
