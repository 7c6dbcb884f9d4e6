using Dispatch.Contracts.Realtime;
using Dispatch.Contracts.Sip;
using Dispatch.Silo.Realtime;
using Microsoft.Extensions.Options;

namespace Dispatch.Silo.Sip;

/// <summary>
/// A worker's registered contacts in memory (see <see cref="ISipBindingsGrain"/>). Expired bindings are dropped
/// whenever the set is read or written; the activation is kept alive until the last binding expires, since
/// deactivating it would forget registrations that phones believe are still valid.
/// <para>
/// A registered phone is a live device of the worker (issue 4): each device with a live binding is announced to
/// the worker's <see cref="IPresenceGrain"/> as <see cref="DeviceKind.Sip"/> when it appears, again every
/// <see cref="RealtimeOptions.GatewayRefresh"/> (as gateways re-announce their connections, so a reactivated
/// presence grain learns it back and its lease does not run out), and is disconnected when its last binding is
/// removed or expires.
/// </para>
/// </summary>
public sealed class SipBindingsGrain(TimeProvider clock, IOptions<RealtimeOptions> realtime) : Grain, ISipBindingsGrain
{
    /// <summary>The presence connection id of every SIP device; the device id is "sip:" + the credential's device id.</summary>
    public const string PresenceConnectionId = "sip-registration";

    private readonly HashSet<string> _announced = new(StringComparer.Ordinal);
    private SipBindingSet _set = SipBindingSet.Empty;
    private IGrainTimer? _presenceTimer;

    public Task<SipBindingSet> Get() => Task.FromResult(Current());

    public async Task<SipBindingWrite> Replace(long expectedVersion, IReadOnlyList<SipBinding> bindings)
    {
        var current = Current();
        if (current.Version != expectedVersion)
        {
            return new SipBindingWrite(false, current);
        }
        _set = new SipBindingSet(current.Version + 1, bindings.ToArray());
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
        _presenceTimer = this.RegisterGrainTimer(_ => SyncPresence(reannounce: true), due, Timeout.InfiniteTimeSpan);
    }

    public static string PresenceDeviceId(string deviceId) => "sip:" + deviceId;
}
