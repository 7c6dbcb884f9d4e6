using Orleans.Concurrency;

namespace Dispatch.Contracts.Org;

/// <summary>
/// One unit of the tree (city, town, community, grid or micro-grid), keyed by its code.
/// It knows its definition, its direct children and its direct members; subtree questions are
/// answered by asking the children in parallel, so no single grain holds the whole tree.
/// </summary>
public interface IOrgUnitGrain : IGrainWithStringKey
{
    /// <summary>The unit, or null when no unit with this code was defined.</summary>
    [ReadOnly]
    Task<UnitView?> Get();

    /// <summary>Creates or updates the unit; moves it when the parent changed.</summary>
    Task Define(UnitDefinition definition);

    /// <summary>The codes from the root down to this unit's parent (empty for the root).</summary>
    [ReadOnly]
    Task<IReadOnlyList<string>> GetPath();

    Task AddChild(UnitSummary child);

    Task RemoveChild(string childCode);

    /// <summary>Adds or refreshes one (worker, role) entry; called by the WorkerGrain.</summary>
    Task UpsertMember(UnitMember member);

    /// <summary>Drops one (worker, role) entry; called by the WorkerGrain.</summary>
    Task RemoveMember(string workerId, WorkerRole role);

    /// <summary>Every member of this unit and of all units below it that matches the query.</summary>
    [ReadOnly]
    Task<IReadOnlyList<UnitMember>> FindMembers(MemberQuery query);

    /// <summary>Counts of units and distinct workers in this subtree.</summary>
    [ReadOnly]
    Task<SubtreeCounts> CountSubtree();

    /// <summary>The raw tally behind <see cref="CountSubtree"/>; children answer it for their parent.</summary>
    [ReadOnly]
    Task<SubtreeTally> Tally();

    /// <summary>Told by the parent when the path above this unit changed (a move); passes it down.</summary>
    Task UpdatePath(IReadOnlyList<string> path);

    /// <summary>
    /// The chain of units from this one down to the deepest that contains the point,
    /// or empty when this unit's boundary does not contain it.
    /// </summary>
    [ReadOnly]
    Task<IReadOnlyList<UnitSummary>> Locate(GeoPoint point);
}
