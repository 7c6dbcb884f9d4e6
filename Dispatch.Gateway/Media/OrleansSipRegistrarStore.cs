using Dispatch.Contracts.Sip;
using Dispatch.Media.Sip.Registrar;

namespace Dispatch.Gateway.Media;

/// <summary>
/// The registrar's store on grains: the SIP username index and one bindings grain per worker. Used where no silo runs in
/// the process (a media node of a cluster); with one, <see cref="InProcessSipRegistrarStore"/> writes without the grain call.
/// </summary>
public sealed class OrleansSipRegistrarStore(IGrainFactory grains) : ISipRegistrarStore
{
    private readonly OrleansSipGrainReferences<ISipAccountGrain> _accounts = new(grains);
    private readonly OrleansSipGrainReferences<ISipBindingsGrain> _bindings = new(grains);

    public async ValueTask<SipAccount?> FindAccount(string username) =>
        await _accounts.For(username).Get();

    public async ValueTask<SipBindingSet> ReadBindings(string workerId) =>
        await _bindings.For(workerId).Get();

    public async ValueTask<SipBindingWrite> WriteBindings(string workerId, SipBindingSet current, IReadOnlyList<SipBinding> bindings) =>
        await _bindings.For(workerId).Replace(current.Version, bindings);
}
