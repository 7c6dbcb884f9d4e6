using Dispatch.Contracts.Realtime;
using Dispatch.Contracts.Sip;
using Dispatch.Silo.Realtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace Dispatch.Silo.Sip;

/// <summary>
/// A worker's registered contacts (see <see cref="ISipBindingsGrain"/>), stored in one row (<see cref="SipBindingRows"/>).
/// A write is saved before it is answered, so the registrar sends its 200 only for bindings that survive a restart.
/// The row is the truth, not this activation: a registrar in the silo's own process writes it directly (a refresh then
/// costs no grain call), so every read here reads the row, and the registrar calls <see cref="Reload"/> when a device
/// appeared or went. The activation is kept alive until the last binding expires, for the presence timer below.
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

    /// <summary>
    /// The expiry check waits this long past the earliest expiry: a refresh sent just before it may commit just after
    /// it, and it does not come through this grain.
    /// </summary>
    private static readonly TimeSpan ExpiryCheckMargin = TimeSpan.FromSeconds(1);

    private readonly HashSet<string> _announced = new(StringComparer.Ordinal);
    private SipBindingRows _rows = null!;
    private SipBindingSet _set = SipBindingSet.Empty;
    private IGrainTimer? _presenceTimer;
    private DateTimeOffset _presenceDue;

    /// <summary>After a restart, bindings loaded from storage are announced to presence again (they are live devices).</summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _rows = new SipBindingRows(ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Provider), clock);
        _set = await _rows.Read(this.GetGrainId());
        if (_set.Bindings.Count > 0)
        {
            KeepAliveUntilLastExpiry();
            await SyncPresence(reannounce: true);
        }
    }

    public async Task<SipBindingSet> Get()
    {
        _set = await _rows.Read(this.GetGrainId());
        return _set;
    }

    public async Task<SipBindingWrite> Replace(long expectedVersion, IReadOnlyList<SipBinding> bindings)
    {
        // Durable before answered (issue 4): a failed write throws to the caller (the registrar answers 500).
        var write = await _rows.CompareAndSet(this.GetGrainId(), expectedVersion, bindings);
        _set = write.Current;
        if (write.Applied)
        {
            KeepAliveUntilLastExpiry();
            await SyncPresence(reannounce: false);
        }
        return write;
    }

    public async Task Reload()
    {
        await ReadRow();
        await SyncPresence(reannounce: false);
    }

    /// <summary>The row as it stands now (a refresh may have moved expiries later without this grain), and the lifetime to match.</summary>
    private async Task ReadRow()
    {
        _set = await _rows.Read(this.GetGrainId());
        KeepAliveUntilLastExpiry();
    }

    private void KeepAliveUntilLastExpiry()
    {
        var now = clock.GetUtcNow();
        var latest = _set.Bindings.Count == 0 ? now : _set.Bindings.Max(b => b.Expires);
        DelayDeactivation(latest - now + TimeSpan.FromMinutes(1));
    }

    private SipBindingSet Current()
    {
        var now = clock.GetUtcNow();
        if (_set.Bindings.Any(b => b.Expires <= now))
        {
            _set = _set with { Bindings = _set.Bindings.Where(b => b.Expires > now).ToArray() };
        }
        return _set;
    }

    /// <summary>
    /// Tells presence which SIP devices are live. Only changes cost a call (a refresh of a known device does not); the
    /// timer re-announces them all and notices expiry.
    /// </summary>
    private async Task SyncPresence(bool reannounce)
    {
        if (!reannounce && SipBindingDevices.AreExactly(Current().Bindings, _announced))
        {
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

    /// <summary>The timer: the row may have been refreshed since it was last read here, so read it before judging expiry.</summary>
    private async Task CheckPresence()
    {
        await ReadRow();
        await SyncPresence(reannounce: true);
    }

    /// <summary>A refresh only moves expiries later, so the pending check (which reads and reschedules anyway) can stay.</summary>
    private bool NeedsEarlierCheck() =>
        _presenceTimer is null || (_set.Bindings.Count > 0 && _set.Bindings.Min(b => b.Expires) + ExpiryCheckMargin < _presenceDue);

    /// <summary>Next check: just after the earliest binding expiry, or at the re-announce period, whichever comes first.</summary>
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
            var untilExpiry = _set.Bindings.Min(b => b.Expires) + ExpiryCheckMargin - now;
            due = untilExpiry < due ? untilExpiry : due;
        }
        due = due < TimeSpan.Zero ? TimeSpan.Zero : due;
        _presenceDue = now + due;
        _presenceTimer = this.RegisterGrainTimer(_ => CheckPresence(), due, Timeout.InfiniteTimeSpan);
    }

    public static string PresenceDeviceId(string deviceId) => "sip:" + deviceId;
}
