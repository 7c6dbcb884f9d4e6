using Dispatch.Contracts.Calls;
using Dispatch.Contracts.Org;
using Dispatch.Contracts.Realtime;

namespace Dispatch.Silo.Calls;

/// <summary>
/// Chooses who rings. The called worker when any of their devices is live; otherwise, in each of the called
/// worker's units in turn, an on-duty member with a live device, then the unit's grid chief with a live device
/// (docs/calls.md, "Fallback"). The caller is never its own fallback. Phones count only when the media node can ring them.
/// </summary>
internal sealed class RingTargets(IGrainFactory grains, bool ringsPhones)
{
    public async Task<RingTarget?> Find(WorkerView callee, string callerId)
    {
        var direct = await Live(new CallParty(callee.Definition.Id, callee.Definition.Name), CallFallback.None, callee);
        if (direct is not null)
        {
            return direct;
        }
        var units = callee.Definition.Assignments.Select(a => a.UnitCode).Distinct(StringComparer.Ordinal).ToArray();
        foreach (var (query, fallback) in new[]
                 {
                     (new MemberQuery(OnDuty: true), CallFallback.OnDutyWorker),
                     (new MemberQuery(Roles: [WorkerRole.GridChief]), CallFallback.GridChief),
                 })
        {
            foreach (var unit in units)
            {
                var members = await grains.GetGrain<IOrgUnitGrain>(unit).FindMembers(query);
                foreach (var member in members.Where(m => m.WorkerId != callee.Definition.Id && m.WorkerId != callerId)
                             .DistinctBy(m => m.WorkerId).OrderBy(m => m.WorkerId, StringComparer.Ordinal))
                {
                    var worker = await grains.GetGrain<IWorkerGrain>(member.WorkerId).Get();
                    if (worker is not null && await Live(new CallParty(member.WorkerId, member.Name), fallback, worker) is { } found)
                    {
                        return found;
                    }
                }
            }
        }
        return null;
    }

    private async Task<RingTarget?> Live(CallParty party, CallFallback fallback, WorkerView worker)
    {
        var devices = await grains.GetGrain<IPresenceGrain>(party.WorkerId).GetDevices();
        var target = new RingTarget(party, fallback, devices, ringsPhones ? worker.SipUsernames.FirstOrDefault() : null);
        return target.Reachable.Any() ? target : null;
    }
}
