using Dispatch.Contracts.Realtime;
using Dispatch.Contracts.Sip;
using Dispatch.Silo.Realtime;
using Microsoft.Extensions.Options;

namespace Dispatch.Silo.Sip;

/// <summary>
/// A worker's registered contacts (see <see cref="ISipBindingsGrain"/>). A write is saved before it is answered, so
/// the registrar sends its 200 only for bindings that survive a restart; concurrent writes of many workers share one
/// storage transaction (the SQLite group commit), which is what keeps this affordable at REGISTER rates. Expired
/// bindings are dropped whenever the set is read or written (expiry alone is not saved: it is recomputed on load).
/// The activation is kept alive until the last binding expires, for the presence timer below.
/// <para>
/// A registered phone is a live device of the worker (issue 4): each device with a live binding is announced to
/// the worker's <see cref="IPresenceGrain"/> as <see cref="DeviceKind.Sip"/> when it appears, again every
/// <see cref="RealtimeOptions.GatewayRefresh"/> (as gateways re-announce their connections, so a reactivated
/// presence grain learns it back and its lease does not run out), and is disconnected when its last binding is
/// removed or expires.
/// </para>
/// </summary>
public sealed class SipBindingsGrain(
    [PersistentState("sip-bindings", StorageNames.Provider)] IPersistentState<SipBindingsState> state,
    TimeProvider clock,
    IOptions<RealtimeOptions> realtime) : Grain, ISipBindingsGrain
{
    /// <summary>The presence connection id of every SIP device; the device id is "sip:" + the credential's device id.</summary>
    public const string PresenceConnectionId = "sip-registration";

    private readonly HashSet<string> _announced = new(StringComparer.Ordinal);
    private SipBindingSet _set = SipBindingSet.Empty;
    private IGrainTimer? _presenceTimer;
    private DateTimeOffset _presenceDue;

    /// <summary>After a restart, bindings loaded from storage are announced to presence again (they are live devices).</summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _set = state.State.Set;
        if (Current().Bindings.Count > 0)
        {
            DelayDeactivation(_set.Bindings.Max(b => b.Expires) - clock.GetUtcNow() + TimeSpan.FromMinutes(1));
            await SyncPresence(reannounce: true);
        }
    }

    public Task<SipBindingSet> Get() => Task.FromResult(Current());

    public async Task<SipBindingWrite> Replace(long expectedVersion, IReadOnlyList<SipBinding> bindings)
    {
        var current = Current();
        if (current.Version != expectedVersion)
        {
            return new SipBindingWrite(false, current);
        }
        var updated = new SipBindingSet(current.Version + 1, bindings.ToArray());
        state.State.Set = updated;
        try
        {
            // Durable before answered (issue 4): a failed write throws to the registrar (500) and changes nothing.
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Set = current;
            throw;
        }
        _set = updated;
        var latest = bindings.Count == 0 ? clock.GetUtcNow() : bindings.Max(b => b.Expires);
        DelayDeactivation(latest - clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        await SyncPresence(reannounce: false);
        return new SipBindingWrite(true, Current());
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

    /// <summary>
    /// Tells presence which SIP devices are live. Only changes cost a call on the REGISTER path (a refresh of a known
    /// device does not); the timer re-announces them all and notices expiry.
    /// </summary>
    private async Task SyncPresence(bool reannounce)
    {
        if (!reannounce && SipBindingDevices.AreExactly(Current().Bindings, _announced))
        {
            // A refresh of announced devices: no call to make, and no set to build (both showed in the REGISTER profile).
            if (NeedsEarlierCheck())
            {
                SchedulePresenceCheck();
            }
            return;
        }
        var live = Current().Bindings.Select(b => b.DeviceId).ToHashSet(StringComparer.Ordinal);
        var presence = GrainFactory.GetGrain<IPresenceGrain>(this.GetPrimaryKeyString());
        foreach (var device in live.Where(d => reannounce || !_announced.Contains(d)))
        {
            await presence.Connect(new DeviceSession(PresenceDeviceId(device), DeviceKind.Sip, PresenceConnectionId, "sip", null));
        }
        foreach (var gone in _announced.Where(d => !live.Contains(d)).ToArray())
        {
            await presence.Disconnect(PresenceDeviceId(gone), PresenceConnectionId);
            _announced.Remove(gone);
        }
        _announced.UnionWith(live);
        SchedulePresenceCheck();
    }

    /// <summary>
    /// A refresh only moves expiries later, so the pending check (which re-announces and reschedules anyway) can stay;
    /// replacing the timer on every REGISTER showed in the benchmark profile.
    /// </summary>
    private bool NeedsEarlierCheck() =>
        _presenceTimer is null || (_set.Bindings.Count > 0 && _set.Bindings.Min(b => b.Expires) < _presenceDue);

    /// <summary>Next check: at the earliest binding expiry, or at the re-announce period, whichever comes first.</summary>
    private void SchedulePresenceCheck()
    {
        _presenceTimer?.Dispose();
        _presenceTimer = null;
        if (_announced.Count == 0)
        {
            return;
        }
        var now = clock.GetUtcNow();
        var due = realtime.Value.GatewayRefresh;
        if (_set.Bindings.Count > 0)
        {
            var untilExpiry = _set.Bindings.Min(b => b.Expires) - now;
            due = untilExpiry < due ? untilExpiry : due;
        }
        due = due < TimeSpan.Zero ? TimeSpan.Zero : due;
        _presenceDue = now + due;
        _presenceTimer = this.RegisterGrainTimer(_ => SyncPresence(reannounce: true), due, Timeout.InfiniteTimeSpan);
    }

    public static string PresenceDeviceId(string deviceId) => "sip:" + deviceId;
}
