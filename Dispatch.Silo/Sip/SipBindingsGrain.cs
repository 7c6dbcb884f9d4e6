using Dispatch.Contracts.Sip;

namespace Dispatch.Silo.Sip;

/// <summary>
/// A worker's registered contacts in memory (see <see cref="ISipBindingsGrain"/>). Expired bindings are dropped
/// whenever the set is read or written; the activation is kept alive until the last binding expires, since
/// deactivating it would forget registrations that phones believe are still valid.
/// </summary>
public sealed class SipBindingsGrain(TimeProvider clock) : Grain, ISipBindingsGrain
{
    private SipBindingSet _set = SipBindingSet.Empty;

    public Task<SipBindingSet> Get() => Task.FromResult(Current());

    public Task<SipBindingWrite> Replace(long expectedVersion, IReadOnlyList<SipBinding> bindings)
    {
        var current = Current();
        if (current.Version != expectedVersion)
        {
            return Task.FromResult(new SipBindingWrite(false, current));
        }
        _set = new SipBindingSet(current.Version + 1, bindings.ToArray());
        var latest = bindings.Count == 0 ? clock.GetUtcNow() : bindings.Max(b => b.Expires);
        DelayDeactivation(latest - clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        return Task.FromResult(new SipBindingWrite(true, Current()));
    }

    private SipBindingSet Current()
    {
        var now = clock.GetUtcNow();
        if (_set.Bindings.Any(b => b.Expires <= now))
        {
            // Expiry is not a write: the version stays, so a registrar holding the old set may still write.
            _set = _set with { Bindings = _set.Bindings.Where(b => b.Expires > now).ToArray() };
        }
        return _set;
    }
}
