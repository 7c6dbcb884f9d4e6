using Dispatch.Contracts.Org;

namespace Dispatch.Contracts.Tasks;

/// <summary>A configured category and the deadline of each level for it.</summary>
[GenerateSerializer, Immutable]
public sealed record TaskCategoryView(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] IReadOnlyDictionary<OrgLevel, TimeSpan> Deadlines);
