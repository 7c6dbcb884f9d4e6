using Dispatch.Contracts.Org;
using Dispatch.Silo.Grid.GeoIndex;
using NetTopologySuite.Geometries;

namespace Dispatch.Silo.Org;

/// <summary>
/// One unit of the org tree. Questions about a subtree fan out to the children in parallel and
/// are merged on the way up, so a town-wide query touches each unit once and no grain is hot.
/// </summary>
public sealed class OrgUnitGrain(
    [PersistentState("unit", StorageNames.Provider)] IPersistentState<OrgUnitState> state)
    : Grain, IOrgUnitGrain
{
    private Polygon? _boundary;

    private string Code => this.GetPrimaryKeyString();

    private OrgUnitState S => state.State;

    public Task<UnitView?> Get() => Task.FromResult(S.Definition is null ? null : View());

    public Task<IReadOnlyList<string>> GetPath() => Task.FromResult<IReadOnlyList<string>>(S.Path.ToArray());

    public async Task Define(UnitDefinition definition)
    {
        if (definition.Code != Code)
        {
            throw new ArgumentException($"Unit code '{definition.Code}' does not match the grain key '{Code}'.");
        }
        var previousParent = S.Definition?.ParentCode;
        var path = await PathUnder(definition);

        if (previousParent is not null && previousParent != definition.ParentCode)
        {
            await Unit(previousParent).RemoveChild(Code);
        }
        var roots = GrainFactory.GetGrain<IOrgRootsGrain>(0);
        if (definition.ParentCode is null)
        {
            await roots.AddRoot(Code);
        }
        else if (S.Definition is { ParentCode: null })
        {
            await roots.RemoveRoot(Code);
        }
        var pathChanged = !S.Path.SequenceEqual(path);
        S.Definition = definition;
        S.Path = path;
        _boundary = null;
        await state.WriteStateAsync();

        if (definition.ParentCode is not null)
        {
            await Unit(definition.ParentCode).AddChild(new UnitSummary(Code, definition.Name, definition.Level));
        }
        if (pathChanged && S.Children.Count > 0)
        {
            await PassPathDown();
        }
        await OrgChanged();
    }

    public async Task AddChild(UnitSummary child)
    {
        if (S.Children.TryGetValue(child.Code, out var known) && known == child)
        {
            return;
        }
        S.Children[child.Code] = child;
        await state.WriteStateAsync();
    }

    public async Task RemoveChild(string childCode)
    {
        if (S.Children.Remove(childCode))
        {
            await state.WriteStateAsync();
        }
    }

    public async Task UpdatePath(IReadOnlyList<string> path)
    {
        if (S.Path.SequenceEqual(path))
        {
            return;
        }
        S.Path = [.. path];
        await state.WriteStateAsync();
        await PassPathDown();
        await OrgChanged();
    }

    /// <summary>After the save: gateways drop the unit paths they keep (<see cref="IOrgVersionGrain"/>).</summary>
    private Task OrgChanged() => GrainFactory.GetGrain<IOrgVersionGrain>(0).Changed();

    public async Task UpsertMember(UnitMember member)
    {
        if (S.Definition is null)
        {
            throw new KeyNotFoundException($"Unit '{Code}' does not exist.");
        }
        var key = OrgUnitState.MemberKey(member.WorkerId, member.Role);
        if (S.Members.TryGetValue(key, out var known) && known == member)
        {
            return;
        }
        S.Members[key] = member;
        await state.WriteStateAsync();
    }

    public async Task RemoveMember(string workerId, WorkerRole role)
    {
        if (S.Members.Remove(OrgUnitState.MemberKey(workerId, role)))
        {
            await state.WriteStateAsync();
        }
    }

    public async Task<IReadOnlyList<UnitMember>> FindMembers(MemberQuery query)
    {
        var found = S.Members.Values.Where(m => Matches(m, query)).ToList();
        if (S.Children.Count > 0)
        {
            var below = await Task.WhenAll(S.Children.Keys.Select(c => Unit(c).FindMembers(query)));
            foreach (var list in below)
            {
                found.AddRange(list);
            }
        }
        return found;
    }

    public async Task<SubtreeCounts> CountSubtree()
    {
        var tally = await Tally();
        var byLevel = Enum.GetValues<OrgLevel>().ToDictionary(l => l, l => tally.UnitsByLevel[(int)l]);
        return new SubtreeCounts(byLevel, tally.WorkerIds.Length, tally.OnDutyWorkerIds.Length);
    }

    public async Task<SubtreeTally> Tally()
    {
        var units = new int[Enum.GetValues<OrgLevel>().Length];
        var workers = new HashSet<string>(StringComparer.Ordinal);
        var onDuty = new HashSet<string>(StringComparer.Ordinal);
        if (S.Definition is not null)
        {
            units[(int)S.Definition.Level]++;
        }
        foreach (var m in S.Members.Values)
        {
            workers.Add(m.WorkerId);
            if (m.OnDuty)
            {
                onDuty.Add(m.WorkerId);
            }
        }
        var below = await Task.WhenAll(S.Children.Keys.Select(c => Unit(c).Tally()));
        foreach (var t in below)
        {
            for (var i = 0; i < units.Length; i++)
            {
                units[i] += t.UnitsByLevel[i];
            }
            workers.UnionWith(t.WorkerIds);
            onDuty.UnionWith(t.OnDutyWorkerIds);
        }
        return new SubtreeTally(units, [.. workers], [.. onDuty]);
    }

    public async Task<IReadOnlyList<UnitSummary>> Locate(GeoPoint point)
    {
        if (S.Definition is null || !Contains(point))
        {
            return [];
        }
        var self = new UnitSummary(Code, S.Definition.Name, S.Definition.Level);
        var below = await Task.WhenAll(S.Children.Keys.Select(c => Unit(c).Locate(point)));
        var deeper = below.FirstOrDefault(chain => chain.Count > 0);
        return deeper is null ? [self] : [self, .. deeper];
    }

    private bool Contains(GeoPoint point)
    {
        if (S.Definition?.Boundary is not { } boundary)
        {
            return false;
        }
        _boundary ??= boundary.ToPolygon();
        return _boundary.Covers(point.ToPoint());
    }

    private async Task<List<string>> PathUnder(UnitDefinition definition)
    {
        if (definition.ParentCode is null)
        {
            if (definition.Level != OrgLevel.City)
            {
                throw new ArgumentException($"Unit '{Code}' has no parent, so it must be the city; it is a {definition.Level}.");
            }
            return [];
        }
        if (definition.ParentCode == Code)
        {
            throw new ArgumentException($"Unit '{Code}' cannot be its own parent.");
        }
        var parent = await Unit(definition.ParentCode).Get()
            ?? throw new ArgumentException($"Parent unit '{definition.ParentCode}' of '{Code}' does not exist.");
        if (parent.Definition.Level + 1 != definition.Level)
        {
            throw new ArgumentException(
                $"Unit '{Code}' is a {definition.Level} but its parent '{parent.Definition.Code}' is a {parent.Definition.Level}: a child must be exactly one level below its parent.");
        }
        if (parent.Path.Contains(Code))
        {
            throw new ArgumentException($"Moving '{Code}' under '{definition.ParentCode}' would make a cycle.");
        }
        return [.. parent.Path, parent.Definition.Code];
    }

    private Task PassPathDown()
    {
        IReadOnlyList<string> childPath = [.. S.Path, Code];
        return Task.WhenAll(S.Children.Keys.Select(c => Unit(c).UpdatePath(childPath)));
    }

    private UnitView View() => new(
        S.Definition!,
        S.Children.Values.OrderBy(c => c.Code, StringComparer.Ordinal).ToArray(),
        S.Members.Values.OrderBy(m => m.WorkerId, StringComparer.Ordinal).ThenBy(m => m.Role).ToArray(),
        S.Path.ToArray());

    private static bool Matches(UnitMember m, MemberQuery q) =>
        (q.Roles is null || q.Roles.Count == 0 || q.Roles.Contains(m.Role)) &&
        (q.OnDuty is null || q.OnDuty == m.OnDuty);

    private IOrgUnitGrain Unit(string code) => GrainFactory.GetGrain<IOrgUnitGrain>(code);
}
