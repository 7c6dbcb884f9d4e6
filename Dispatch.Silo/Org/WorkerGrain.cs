using Dispatch.Contracts.Org;
using Dispatch.Contracts.Sip;

namespace Dispatch.Silo.Org;

/// <summary>
/// One person. Its own state is the truth about assignments and duty; after saving it, the grain
/// brings each assigned unit's member entry in line, so that a crash in between is repaired by the
/// next definition of the worker rather than leaving a unit that knows more than the worker.
/// </summary>
public sealed class WorkerGrain(
    [PersistentState("worker", StorageNames.Provider)] IPersistentState<WorkerState> state,
    TimeProvider clock)
    : Grain, IWorkerGrain
{
    private string Id => this.GetPrimaryKeyString();

    private WorkerState S => state.State;

    public Task<WorkerView?> Get() => Task.FromResult(S.Definition is null
        ? null
        : new WorkerView(S.Definition, S.SipDevices.Select(d => d.Username).ToArray(), S.UpdatedAt));

    public async Task Define(WorkerDefinition definition)
    {
        if (definition.Id != Id)
        {
            throw new ArgumentException($"Worker id '{definition.Id}' does not match the grain key '{Id}'.");
        }
        var duplicate = definition.Assignments.GroupBy(a => a).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Worker '{Id}' holds role {duplicate.Key.Role} in unit '{duplicate.Key.UnitCode}' twice.");
        }
        await EnsureUnitsExist(definition.Assignments);

        var previous = S.Definition?.Assignments ?? [];
        S.Definition = definition;
        S.UpdatedAt = clock.GetUtcNow();
        await state.WriteStateAsync();

        var dropped = previous.Except(definition.Assignments);
        await Task.WhenAll(dropped.Select(a => Unit(a.UnitCode).RemoveMember(Id, a.Role)));
        await PublishMemberEntries();
        await OrgChanged();
    }

    public async Task<bool> SetOnDuty(bool onDuty)
    {
        if (S.Definition is null)
        {
            return false;
        }
        if (S.Definition.OnDuty != onDuty)
        {
            S.Definition = S.Definition with { OnDuty = onDuty };
            S.UpdatedAt = clock.GetUtcNow();
            await state.WriteStateAsync();
            await OrgChanged();
        }
        await PublishMemberEntries();
        return true;
    }

    public async Task SetSipDevices(IReadOnlyList<SipDeviceCredential> devices)
    {
        if (S.Definition is null)
        {
            throw new KeyNotFoundException($"Worker '{Id}' does not exist.");
        }
        var duplicate = devices.GroupBy(d => d.DeviceId).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Device id '{duplicate.Key}' appears twice.");
        }
        // Claim the usernames first, so a username held by another worker fails before anything is saved;
        // release the dropped ones last, so a crash in between leaves a stale entry the registrar re-checks.
        var claims = await Task.WhenAll(devices.Select(d => SipAccount(d.Username).Claim(new SipAccount(Id, d))));
        var taken = devices.Where((_, i) => !claims[i]).Select(d => d.Username).ToArray();
        if (taken.Length > 0)
        {
            throw new ArgumentException($"SIP username(s) already used by another worker: {string.Join(", ", taken)}.");
        }
        var dropped = S.SipDevices.Select(d => d.Username).Except(devices.Select(d => d.Username)).ToArray();
        S.SipDevices = [.. devices];
        S.UpdatedAt = clock.GetUtcNow();
        await state.WriteStateAsync();
        await OrgChanged();
        await Task.WhenAll(dropped.Select(u => SipAccount(u).Release(Id)));
    }

    public Task<IReadOnlyList<SipDeviceCredential>> GetSipDevices() =>
        Task.FromResult<IReadOnlyList<SipDeviceCredential>>(S.SipDevices.ToArray());

    public Task<string> GetHostSilo() => Task.FromResult(GrainContext.Address.SiloAddress?.ToString() ?? "unknown");

    private Task PublishMemberEntries()
    {
        var d = S.Definition!;
        return Task.WhenAll(d.Assignments.Select(a =>
            Unit(a.UnitCode).UpsertMember(new UnitMember(Id, d.Name, a.Role, d.OnDuty, d.Phone, a.UnitCode))));
    }

    private async Task EnsureUnitsExist(IReadOnlyList<UnitAssignment> assignments)
    {
        var codes = assignments.Select(a => a.UnitCode).Distinct().ToArray();
        var views = await Task.WhenAll(codes.Select(c => Unit(c).Get()));
        var missing = codes.Where((_, i) => views[i] is null).ToArray();
        if (missing.Length > 0)
        {
            throw new ArgumentException($"Worker '{Id}' is assigned to units that do not exist: {string.Join(", ", missing)}.");
        }
    }

    private IOrgUnitGrain Unit(string code) => GrainFactory.GetGrain<IOrgUnitGrain>(code);

    /// <summary>After the save: gateways drop what they keep about workers (<see cref="IOrgVersionGrain"/>).</summary>
    private Task OrgChanged() => GrainFactory.GetGrain<IOrgVersionGrain>(0).Changed();

    private ISipAccountGrain SipAccount(string username) => GrainFactory.GetGrain<ISipAccountGrain>(username);
}
