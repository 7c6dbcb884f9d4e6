using System.Collections.Concurrent;
using Dispatch.Contracts.Sip;
using Dispatch.Media.Sip.Registrar;
using Dispatch.Silo.Sip;
using Orleans.Storage;

namespace Dispatch.Gateway.Media;

/// <summary>
/// The registrar's store when the silo runs in this process (<c>Dispatch:Role=all</c>, the single node): bindings are
/// read and written compare-and-set straight on their storage row (<see cref="SipBindingRows"/>), the same row the
/// worker's <see cref="ISipBindingsGrain"/> reads, so a REGISTER costs one grouped write and no grain call. The grain
/// is called (<see cref="ISipBindingsGrain.Reload"/>) only when a device appeared or went, for presence. A media node
/// without a silo uses <see cref="OrleansSipRegistrarStore"/>; both write the same row under the same etag check.
/// </summary>
public sealed partial class InProcessSipRegistrarStore(IGrainFactory grains, IGrainStorage storage, TimeProvider clock,
    ILogger<InProcessSipRegistrarStore> logger) : ISipRegistrarStore
{
    private readonly OrleansSipGrainReferences<ISipAccountGrain> _accounts = new(grains);
    private readonly OrleansSipGrainReferences<ISipBindingsGrain> _bindings = new(grains);
    private readonly SipBindingRows _rows = new(storage, clock);

    /// <summary>Workers whose grain missed a reload (the write was saved, the call failed): retried on their next write.</summary>
    private readonly ConcurrentDictionary<string, bool> _reloadOwed = new(StringComparer.Ordinal);

    public async ValueTask<SipAccount?> FindAccount(string username) =>
        await _accounts.For(username).Get();

    public async ValueTask<SipBindingSet> ReadBindings(string workerId) =>
        await _rows.Read(_bindings.IdFor(workerId));

    public async ValueTask<SipBindingWrite> WriteBindings(string workerId, SipBindingSet current, IReadOnlyList<SipBinding> bindings)
    {
        var write = await _rows.CompareAndSet(_bindings.IdFor(workerId), current.Version, bindings);
        if (write.Applied && (!SipBindingDevices.AreSame(current.Bindings, write.Current.Bindings, clock.GetUtcNow())
            || (!_reloadOwed.IsEmpty && _reloadOwed.ContainsKey(workerId))))
        {
            await Reload(workerId);
        }
        return write;
    }

    /// <summary>
    /// The bindings are saved whatever happens here, so a failure does not fail the REGISTER (its 200 is true): it is
    /// logged and the reload is tried again with the worker's next write.
    /// </summary>
    private async Task Reload(string workerId)
    {
        try
        {
            await _bindings.For(workerId).Reload();
            _reloadOwed.TryRemove(workerId, out _);
        }
        catch (Exception e)
        {
            _reloadOwed[workerId] = true;
            LogReloadFailed(logger, e, workerId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Saved the SIP bindings of worker {WorkerId}, but could not tell its presence; trying again at its next REGISTER")]
    private static partial void LogReloadFailed(ILogger logger, Exception exception, string workerId);
}
