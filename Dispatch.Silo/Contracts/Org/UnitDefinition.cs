namespace Dispatch.Contracts.Org;

/// <summary>What defines an org unit; what an import or an API call sets.</summary>
/// <param name="Code">Stable identifier, unique in the tree (the grain key).</param>
/// <param name="ParentCode">Null only for the city at the root.</param>
/// <param name="QrToken">The token behind the grid's QR code (一格一码); null for units that have none.</param>
[GenerateSerializer, Immutable]
public sealed record UnitDefinition(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] OrgLevel Level,
    [property: Id(3)] string? ParentCode,
    [property: Id(4)] GeoPolygon? Boundary,
    [property: Id(5)] string? ServiceStationAddress,
    [property: Id(6)] string? QrToken);
