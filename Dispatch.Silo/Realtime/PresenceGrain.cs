using Dispatch.Contracts.Org;
using Dispatch.Contracts.Realtime;
using Microsoft.Extensions.Options;

namespace Dispatch.Silo.Realtime;

/// <summary>
/// A worker's live devices and presence. Nothing here is persisted: devices live as long as their
/// connections, and every gateway announces its connections again on a timer, so a reactivated grain
/// (another silo, a restart) learns them back within one refresh period.
/// <code>
///   last device drops ──grace──► offline      any device connects ──► online at once
/// </code>
/// </summary>
public sealed class PresenceGrain(IOptions<RealtimeOptions> options, TimeProvider clock, GatewayOutbox outbox) : Grain, IPresenceGrain
{
    private readonly Dictionary<string, LiveDevice> _devices = new(StringComparer.Ordinal);
    private PresenceStatus _status = PresenceStatus.Offline;
    private IGrainTimer? _grace;
    private IGrainTimer? _sweep;
    private IReadOnlyList<string>? _unitCodes;

    private string WorkerId => this.GetPrimaryKeyString();

    private RealtimeOptions O => options.Value;

    public async Task Connect(DeviceSession session)
    {
        if (_devices.TryGetValue(session.DeviceId, out var known))
        {
            known.Session = session;
            known.Seen = clock.GetUtcNow();
        }
        else
        {
            _devices[session.DeviceId] = new LiveDevice(session, clock.GetUtcNow());
        }
        _sweep ??= this.RegisterGrainTimer(_ => SweepExpired(), O.GatewayRefresh, O.GatewayRefresh);
        await Recompute();
    }

    public async Task Disconnect(string deviceId, string connectionId)
    {
        if (_devices.TryGetValue(deviceId, out var device) && device.Session.ConnectionId == connectionId)
        {
            _devices.Remove(deviceId);
            await Recompute();
        }
    }

    public async Task SetActivity(string deviceId, DeviceActivity activity)
    {
        if (_devices.TryGetValue(deviceId, out var device))
        {
            device.Activity = activity;
            await Recompute();
        }
    }

    public Task<PresenceStatus> GetStatus() => Task.FromResult(_status);

    public Task<IReadOnlyList<DeviceSession>> GetDevices() =>
        Task.FromResult<IReadOnlyList<DeviceSession>>(_devices.Values.Select(d => d.Session).ToArray());

    /// <summary>Hands the push to the silo's outbox, which batches it with other workers' pushes per gateway.</summary>
    public Task Deliver(PushMessage push)
    {
        // SIP phones have no gateway observer: they count for presence only.
        foreach (var gateway in _devices.Values.Where(d => d.Session.Gateway is not null).GroupBy(d => d.Session.GatewayId, StringComparer.Ordinal))
        {
            var connections = gateway.Select(d => d.Session.ConnectionId).ToArray();
            outbox.Enqueue(gateway.Key, gateway.First().Session.Gateway!, new PushDelivery(push, connections));
        }
        return Task.CompletedTask;
    }

    private async Task Recompute()
    {
        var derived = PresenceRules.Derive(_devices.Values.Select(d => d.Activity));
        if (derived == PresenceStatus.Offline)
        {
            if (_status != PresenceStatus.Offline && _grace is null)
            {
                _grace = this.RegisterGrainTimer(_ => GraceOver(), O.PresenceGrace, Timeout.InfiniteTimeSpan);
            }
            return;
        }
        _grace?.Dispose();
        _grace = null;
        await Publish(derived);
    }

    private async Task GraceOver()
    {
        _grace?.Dispose();
        _grace = null;
        if (_devices.Count == 0)
        {
            _sweep?.Dispose();
            _sweep = null;
            await Publish(PresenceStatus.Offline);
        }
    }

    private async Task SweepExpired()
    {
        var limit = clock.GetUtcNow() - O.Lease;
        var expired = _devices.Where(d => d.Value.Seen < limit).Select(d => d.Key).ToArray();
        if (expired.Length == 0)
        {
            return;
        }
        foreach (var id in expired)
        {
            _devices.Remove(id);
        }
        await Recompute();
    }

    private async Task Publish(PresenceStatus status)
    {
        if (status == _status)
        {
            return;
        }
        _status = status;
        var change = new PresenceChange(WorkerId, status, clock.GetUtcNow(), await UnitCodes());
        var observers = await GrainFactory.GetGrain<IGatewayDirectoryGrain>(0).GetObservers();
        foreach (var observer in observers)
        {
            await observer.PresenceChanged([change]);
        }
    }

    /// <summary>Every assigned unit and all their ancestors: the groups whose consoles hear this worker.</summary>
    private async Task<IReadOnlyList<string>> UnitCodes()
    {
        if (_unitCodes is not null)
        {
            return _unitCodes;
        }
        var worker = await GrainFactory.GetGrain<IWorkerGrain>(WorkerId).Get();
        var assigned = worker?.Definition.Assignments.Select(a => a.UnitCode).Distinct().ToArray() ?? [];
        var paths = await Task.WhenAll(assigned.Select(c => GrainFactory.GetGrain<IOrgUnitGrain>(c).GetPath()));
        _unitCodes = assigned.Concat(paths.SelectMany(p => p)).Distinct().ToArray();
        return _unitCodes;
    }
}
