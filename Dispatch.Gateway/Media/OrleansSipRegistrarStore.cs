using Dispatch.Contracts.Sip;
using Dispatch.Media.Sip.Registrar;

namespace Dispatch.Gateway.Media;

/// <summary>The registrar's store on grains: the SIP username index and one bindings grain per worker.</summary>
public sealed class OrleansSipRegistrarStore(IGrainFactory grains) : ISipRegistrarStore
{
    public async ValueTask<SipAccount?> FindAccount(string username) =>
        await grains.GetGrain<ISipAccountGrain>(username).Get();

    public async ValueTask<SipBindingSet> ReadBindings(string workerId) =>
        await grains.GetGrain<ISipBindingsGrain>(workerId).Get();

    public async ValueTask<SipBindingWrite> WriteBindings(string workerId, long expectedVersion, IReadOnlyList<SipBinding> bindings) =>
        await grains.GetGrain<ISipBindingsGrain>(workerId).Replace(expectedVersion, bindings);
}
