namespace Dispatch.Contracts.Realtime;

/// <summary>
/// Saves one small row each time a gateway warms its send path at start, so that the grain
/// storage's write path (the persistent-state bridge, the row encoding, the grouped SQLite commit) has run once before
/// the first send's tracker saves: after a restart no grain writes anything until that send, and its save took
/// 70–90 ms against 3 ms warm (docs/realtime.md, "The first send after a start").
/// </summary>
public interface IWarmUpGrain : IGrainWithStringKey
{
    /// <summary>The key every gateway's send-path warm-up uses: one row in all.</summary>
    const string SendPath = "send-path";

    /// <summary>Saves the warm-up and returns how many this key has saved so far, this one included.</summary>
    Task<long> Run(DateTimeOffset at);
}
