using Orleans.Concurrency;

namespace Dispatch.Contracts.Sip;

/// <summary>
/// The registered SIP contacts of one worker, keyed by worker id. A versioned store: the registrar reads,
/// applies RFC 3261 §10.3 itself, and writes back only if nobody wrote in between. Expired bindings are
/// never returned. A write is saved before <see cref="Replace"/> returns, so an acknowledged binding survives a restart.
/// The grain also keeps the worker's presence told which SIP devices are live.
/// </summary>
public interface ISipBindingsGrain : IGrainWithStringKey
{
    [ReadOnly]
    Task<SipBindingSet> Get();

    /// <summary>Replaces the bindings if the version is still <paramref name="expectedVersion"/>.</summary>
    Task<SipBindingWrite> Replace(long expectedVersion, IReadOnlyList<SipBinding> bindings);

    /// <summary>
    /// The bindings were written straight to their storage row (a registrar in the silo's own process does that instead
    /// of calling <see cref="Replace"/>) and a device appeared or went: read them again and tell presence.
    /// </summary>
    Task Reload();
}
