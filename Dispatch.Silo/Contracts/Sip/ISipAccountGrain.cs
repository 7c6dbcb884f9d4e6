using Orleans.Concurrency;

namespace Dispatch.Contracts.Sip;

/// <summary>
/// The SIP username index, keyed by digest username: lets the registrar find a device's credential in one call.
/// Kept current by <c>IWorkerGrain.SetSipDevices</c>; a username belongs to at most one worker.
/// </summary>
public interface ISipAccountGrain : IGrainWithStringKey
{
    [ReadOnly]
    Task<SipAccount?> Get();

    /// <summary>Points the username at this worker's device; false when another worker holds it.</summary>
    Task<bool> Claim(SipAccount account);

    /// <summary>Drops the entry if it still belongs to <paramref name="workerId"/>.</summary>
    Task Release(string workerId);
}
