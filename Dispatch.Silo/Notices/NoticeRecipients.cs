using Dispatch.Contracts.Notices;
using Dispatch.Contracts.Org;

namespace Dispatch.Silo.Notices;

/// <summary>Expands a draft's units, roles and named people through the tree into one entry per person.</summary>
internal static class NoticeRecipients
{
    public static async Task<(List<NoticeRecipient> Recipients, Dictionary<string, int> Levels, string? Refusal)> Expand(IGrainFactory grains, NoticeDraft draft)
    {
        var byWorker = new Dictionary<string, (string Name, string Phone, string Unit)>(StringComparer.Ordinal);
        var query = new MemberQuery(draft.Roles.Count > 0 ? draft.Roles : null);
        foreach (var code in draft.UnitCodes.Distinct(StringComparer.Ordinal))
        {
            if (await grains.GetGrain<IOrgUnitGrain>(code).Get() is null)
            {
                return ([], [], $"Unit '{code}' does not exist.");
            }
            foreach (var member in await grains.GetGrain<IOrgUnitGrain>(code).FindMembers(query))
            {
                byWorker.TryAdd(member.WorkerId, (member.Name, member.Phone, member.UnitCode));
            }
        }
        foreach (var id in draft.WorkerIds.Distinct(StringComparer.Ordinal))
        {
            var worker = await grains.GetGrain<IWorkerGrain>(id).Get();
            if (worker is null || worker.Definition.Assignments.Count == 0)
            {
                return ([], [], $"Worker '{id}' does not exist or holds no role in any unit.");
            }
            byWorker.TryAdd(id, (worker.Definition.Name, worker.Definition.Phone, worker.Definition.Assignments[0].UnitCode));
        }
        var units = byWorker.Values.Select(v => v.Unit).Distinct(StringComparer.Ordinal).ToArray();
        var views = await Task.WhenAll(units.Select(u => grains.GetGrain<IOrgUnitGrain>(u).Get()));
        var paths = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var levels = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < units.Length; i++)
        {
            var view = views[i]!;
            paths[units[i]] = [.. view.Path, units[i]];
            levels[units[i]] = (int)view.Definition.Level;
            for (var depth = 0; depth < view.Path.Count; depth++)
            {
                // A path lists the root first, so an ancestor's depth is its level (city 0, town 1, …).
                levels.TryAdd(view.Path[depth], depth);
            }
        }
        var recipients = byWorker.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new NoticeRecipient
        {
            WorkerId = p.Key, Name = p.Value.Name, Phone = p.Value.Phone, UnitCode = p.Value.Unit, Path = paths[p.Value.Unit],
        }).ToList();
        return (recipients, levels, recipients.Count == 0 ? "The units, roles and people named reach no one; nothing was sent." : null);
    }
}
