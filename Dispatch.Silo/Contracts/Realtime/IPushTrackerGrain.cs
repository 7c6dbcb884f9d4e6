using Orleans.Concurrency;

namespace Dispatch.Contracts.Realtime;

/// <summary>Keyed by push id: the sender of a REST push, keeping its receipts for the API.</summary>
public interface IPushTrackerGrain : IPushSender
{
    /// <summary>Records the push before it is handed to the inbox.</summary>
    Task Open(PushMessage push);

    [ReadOnly]
    Task<PushTrack?> Get();
}
