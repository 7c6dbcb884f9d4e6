using Dispatch.Contracts.Org;

namespace Dispatch.Silo.Org;

/// <summary>The persisted state of one unit.</summary>
[GenerateSerializer]
public sealed class OrgUnitState
{
    [Id(0)] public UnitDefinition? Definition { get; set; }

    /// <summary>Codes from the root down to the parent.</summary>
    [Id(1)] public List<string> Path { get; set; } = [];

    [Id(2)] public Dictionary<string, UnitSummary> Children { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Keyed by <see cref="MemberKey"/>: a person may hold two roles in one unit.</summary>
    [Id(3)] public Dictionary<string, UnitMember> Members { get; set; } = new(StringComparer.Ordinal);

    public static string MemberKey(string workerId, WorkerRole role) => $"{workerId}|{role}";
}
