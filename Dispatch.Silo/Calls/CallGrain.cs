using Dispatch.Contracts.Calls;
using Dispatch.Contracts.Org;
using Dispatch.Contracts.Realtime;
using Microsoft.Extensions.Options;

namespace Dispatch.Silo.Calls;

/// <summary>
/// One call (docs/calls.md). The record is durable; who rings where is memory only, because a ring lasts seconds.
/// <code>
///   Start ─► busy? ─► Ended(busy)          Ringing ─Answer(first)─► Connected ─HangUp / Fail─► Ended(answered / dropped)
///         └► who rings (callee, fallback) ─► Ringing ─Decline / HangUp / ring timeout / PhonesGaveUp / Fail─► Ended
/// </code>
/// A call found Ringing or Connected on activation was lost with the process that ran it: it ends as failed.
/// </summary>
public sealed partial class CallGrain(
    [PersistentState("call", StorageNames.Provider)] IPersistentState<CallGrainState> state,
    IOptions<CallOptions> options,
    TimeProvider clock) : Grain, ICallGrain
{
    private readonly Dictionary<string, DeviceSession> _ringing = new(StringComparer.Ordinal);
    private DeviceSession? _caller;
    private DeviceSession? _answered;
    private string? _mediaGatewayId;
    private IGatewayObserver? _mediaGateway;
    private IGrainTimer? _ringTimer;
    private IGrainTimer? _keepAlive;

    private CallRecord? Record => state.State.Record;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Record is { State: not CallState.Ended } lost)
        {
            await End(lost, CallOutcome.Failed, CallEndCause.ServerRestarted, "the server that carried the call restarted");
        }
    }

    public async Task<CallStarted> Start(CallStart start)
    {
        if (Record is { } known)
        {
            return new CallStarted(known, null);
        }
        _caller = start.CallerDevice;
        _mediaGatewayId = start.MediaGatewayId;
        _mediaGateway = start.MediaGateway;
        var caller = await Worker(start.CallerWorkerId);
        var callee = await Worker(start.CalleeWorkerId);
        var record = new CallRecord(this.GetPrimaryKeyString(), Party(caller), Party(callee), Party(callee), CallFallback.None,
            start.CallerDevice.DeviceId, [], null, CallState.Ringing, null, null, clock.GetUtcNow(), null, null,
            await UnitCodes(caller, callee));

        if (await Line(callee.Definition.Id).Seize(record.Id) is not null)
        {
            return new CallStarted(await End(record, CallOutcome.Busy, CallEndCause.CalleeBusy, $"{callee.Definition.Name} is already in a call"), null);
        }
        if (await Line(caller.Definition.Id).Seize(record.Id) is not null)
        {
            await Line(callee.Definition.Id).Release(record.Id);
            return new CallStarted(await End(record, CallOutcome.Failed, CallEndCause.CallerBusy, "you are already in another call"), null);
        }
        var target = await new RingTargets(GrainFactory, start.RingsPhones).Find(callee, caller.Definition.Id);
        if (target is null)
        {
            return new CallStarted(await End(record, CallOutcome.NoAnswer, CallEndCause.Unreachable,
                $"{callee.Definition.Name} has no live device, and no on-duty worker or grid chief of their units is online"), null);
        }
        if (target.Fallback != CallFallback.None && await Line(target.Worker.WorkerId).Seize(record.Id) is not null)
        {
            return new CallStarted(await End(record with { Ringing = target.Worker, Fallback = target.Fallback }, CallOutcome.Busy, CallEndCause.FallbackBusy,
                $"{callee.Definition.Name} has no live device and {target.Worker.Name}, who would ring instead, is already in a call"), null);
        }

        var webDevices = target.Reachable.Where(d => d.Kind != DeviceKind.Sip).ToArray();
        var ringsPhones = target.Reachable.Any(d => d.Kind == DeviceKind.Sip);
        foreach (var device in webDevices)
        {
            _ringing[device.DeviceId] = device;
        }
        record = record with
        {
            Ringing = target.Worker,
            Fallback = target.Fallback,
            DevicesRang = webDevices.Select(d => d.DeviceId).Concat(ringsPhones ? [PhoneDevice(target.SipUsername!)] : []).ToArray(),
        };
        await Save(record);
        var timeout = start.RingTimeout ?? options.Value.RingTimeout;
        _ringTimer = this.RegisterGrainTimer(_ => RingTimedOut(), new GrainTimerCreationOptions(timeout, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        Send(CallSignalKind.Ringing, record, webDevices, mediaDuty: false);
        return new CallStarted(record, ringsPhones ? target.SipUsername : null);
    }

    public async Task<CallRefusal> Answer(string workerId, string deviceId)
    {
        if (Refuse(workerId, mustRing: true) is var refused && refused != CallRefusal.None)
        {
            return refused;
        }
        var record = Record! with { State = CallState.Connected, AnsweredDevice = deviceId, AnsweredAt = clock.GetUtcNow() };
        await Save(record);
        StopRingTimer();
        // A connected call must not be collected as idle: reactivated, it would look lost and end as failed.
        _keepAlive = this.RegisterGrainTimer(_ => Task.CompletedTask, new GrainTimerCreationOptions(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)) { KeepAlive = true });
        _ringing.Remove(deviceId, out var answered);
        _answered = answered;
        Send(CallSignalKind.AnsweredElsewhere, record, _ringing.Values, mediaDuty: false);
        _ringing.Clear();
        // The media node hears of every answer: when a browser won, it stops the phones (CANCEL).
        Send(CallSignalKind.Answered, record, _caller is null ? [] : [_caller], mediaDuty: true);
        return CallRefusal.None;
    }

    public async Task<CallRefusal> Decline(string workerId, string deviceId)
    {
        if (Refuse(workerId, mustRing: true) is var refused && refused != CallRefusal.None)
        {
            return refused;
        }
        await End(Record!, CallOutcome.Declined, CallEndCause.Declined, $"declined by {Record!.Ringing.Name} on device {deviceId}");
        return CallRefusal.None;
    }

    public async Task<CallRefusal> HangUp(string workerId, string deviceId)
    {
        if (Record is not { } record)
        {
            return CallRefusal.UnknownCall;
        }
        if (record.State == CallState.Ended)
        {
            return CallRefusal.Ended;
        }
        var isCaller = workerId == record.Caller.WorkerId;
        if (!isCaller && workerId != record.Ringing.WorkerId)
        {
            return CallRefusal.NotYours;
        }
        if (record.State == CallState.Ringing)
        {
            return isCaller
                ? await EndedWith(CallOutcome.Cancelled, CallEndCause.Cancelled, "cancelled by the caller before anyone answered")
                : await Decline(workerId, deviceId);
        }
        return await EndedWith(CallOutcome.Answered, isCaller ? CallEndCause.HungUpByCaller : CallEndCause.HungUpByCallee,
            isCaller ? $"hung up by {record.Caller.Name}" : $"hung up by {record.Ringing.Name}");
    }

    public async Task PhonesGaveUp(int sipStatus, string detail)
    {
        if (Record is not { State: CallState.Ringing } record)
        {
            return;
        }
        if (_ringing.Count > 0 && sipStatus is not (600 or 603))
        {
            // A phone that is busy or out of reach does not end the call while a browser or app still rings.
            return;
        }
        var (outcome, cause, reason) = sipStatus switch
        {
            486 or 600 => (CallOutcome.Busy, CallEndCause.PhoneBusy, $"{record.Ringing.Name}'s phone is busy ({sipStatus})"),
            603 => (CallOutcome.Declined, CallEndCause.PhoneDeclined, $"declined on {record.Ringing.Name}'s phone ({sipStatus})"),
            408 or 480 or 487 => (CallOutcome.NoAnswer, CallEndCause.PhoneNoAnswer, $"{record.Ringing.Name}'s phone did not answer ({sipStatus} {detail})"),
            _ => (CallOutcome.Failed, CallEndCause.PhoneFailed, $"{record.Ringing.Name}'s phone failed the call ({sipStatus} {detail})"),
        };
        await End(record, outcome, cause, reason);
    }

    public async Task Fail(CallOutcome outcome, CallEndCause cause, string reason)
    {
        if (Record is { State: not CallState.Ended } record)
        {
            await End(record, outcome, cause, reason);
        }
    }

    public Task<CallRecord?> Get() => Task.FromResult(Record);

    private async Task RingTimedOut()
    {
        if (Record is { State: CallState.Ringing } record)
        {
            await End(record, CallOutcome.NoAnswer, CallEndCause.RingTimeout, $"nobody answered within {(record.DevicesRang.Count == 0 ? "the ring time" : "the ring time on " + string.Join(", ", record.DevicesRang))}");
        }
    }

    private async Task<CallRefusal> EndedWith(CallOutcome outcome, CallEndCause cause, string reason)
    {
        await End(Record!, outcome, cause, reason);
        return CallRefusal.None;
    }

    private CallRefusal Refuse(string workerId, bool mustRing) => Record switch
    {
        null => CallRefusal.UnknownCall,
        { State: CallState.Ended } => CallRefusal.Ended,
        var r when r.Ringing.WorkerId != workerId => CallRefusal.NotYours,
        { State: not CallState.Ringing } when mustRing => CallRefusal.NotRinging,
        _ => CallRefusal.None,
    };

    /// <summary>Ends the call once: saves the record, tells everyone still in it and the media node, frees the lines.</summary>
    private async Task<CallRecord> End(CallRecord record, CallOutcome outcome, CallEndCause cause, string reason)
    {
        var ended = record with { State = CallState.Ended, Outcome = outcome, EndCause = cause, EndReason = reason, EndedAt = clock.GetUtcNow() };
        await Save(ended);
        StopRingTimer();
        _keepAlive?.Dispose();
        _keepAlive = null;
        var told = _ringing.Values.Concat(_answered is null ? [] : [_answered]).Concat(_caller is null ? [] : [_caller]).ToArray();
        Send(CallSignalKind.Ended, ended, told, mediaDuty: true);
        _ringing.Clear();
        _answered = null;
        await Task.WhenAll(new[] { ended.Caller.WorkerId, ended.Callee.WorkerId, ended.Ringing.WorkerId }.Distinct(StringComparer.Ordinal)
            .Select(w => Line(w).Release(ended.Id)));
        return ended;
    }

    private async Task Save(CallRecord record)
    {
        state.State.Record = record;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<ICallRegistryGrain>(0).Upsert(record);
    }

    private void StopRingTimer()
    {
        _ringTimer?.Dispose();
        _ringTimer = null;
    }

    private async Task<WorkerView> Worker(string workerId) =>
        await GrainFactory.GetGrain<IWorkerGrain>(workerId).Get()
        ?? throw new ArgumentException($"Worker '{workerId}' does not exist.", nameof(workerId));

    private ICallLineGrain Line(string workerId) => GrainFactory.GetGrain<ICallLineGrain>(workerId);

    private static CallParty Party(WorkerView worker) => new(worker.Definition.Id, worker.Definition.Name);

    /// <summary>The id a call record gives the worker's phones (one INVITE forks to all of them).</summary>
    public static string PhoneDevice(string sipUsername) => "sip:" + sipUsername;

    private async Task<IReadOnlyList<string>> UnitCodes(params WorkerView[] workers)
    {
        var assigned = workers.SelectMany(w => w.Definition.Assignments.Select(a => a.UnitCode)).Distinct(StringComparer.Ordinal).ToArray();
        var paths = await Task.WhenAll(assigned.Select(c => GrainFactory.GetGrain<IOrgUnitGrain>(c).GetPath()));
        return assigned.Concat(paths.SelectMany(p => p)).Distinct(StringComparer.Ordinal).ToArray();
    }
}
