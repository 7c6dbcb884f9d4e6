namespace Dispatch.Contracts.Org;

/// <summary>The five levels of the grid-governance tree (DOMAIN.md), from the top down.</summary>
public enum OrgLevel
{
    /// <summary>市: the county-level city and its command center.</summary>
    City = 0,
    /// <summary>镇街: a town or street office.</summary>
    Town = 1,
    /// <summary>社区 / 管理区: a community or management district.</summary>
    Community = 2,
    /// <summary>网格: a residential compound or an administrative village.</summary>
    Grid = 3,
    /// <summary>微网格: a building, a courtyard, a villager group.</summary>
    MicroGrid = 4,
}
