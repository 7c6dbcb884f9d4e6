using Dispatch.Contracts.Org;
using Dispatch.Silo.Grid.GeoIndex;

namespace Dispatch.Gateway.Api;

/// <summary>Checks a unit request field by field and collects every fault, each naming its field.</summary>
public static class UnitRequestRules
{
    public static (UnitDefinition? Definition, Dictionary<string, string[]> Errors) Check(string code, UnitRequest request, UnitView? parent)
    {
        var errors = new Dictionary<string, string[]>();
        void Fault(string field, string message) => errors[field] = [.. errors.GetValueOrDefault(field, []), message];

        if (string.IsNullOrWhiteSpace(code) || code.Length > 64 || code.Any(char.IsWhiteSpace))
        {
            Fault("code", "A unit code is 1 to 64 characters without spaces.");
        }
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            Fault("name", "A unit needs a name.");
        }
        if (!LevelNames.TryParse(request.Level, out var level))
        {
            Fault("level", $"Unknown level '{request.Level}'. Known levels: {string.Join(", ", LevelNames.All)}.");
        }
        if (request.ParentCode is not null && parent is null)
        {
            Fault("parentCode", $"Parent unit '{request.ParentCode}' does not exist.");
        }
        GeoPolygon? boundary = null;
        if (request.Boundary is not null)
        {
            boundary = ReadBoundary(request.Boundary, Fault);
            if (boundary is not null && parent?.Definition.Boundary is { } parentBoundary && !OrgGeometry.IsWithin(boundary, parentBoundary))
            {
                Fault("boundary", $"The boundary is not within the parent unit '{parent.Definition.Code}'.");
            }
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        return (new UnitDefinition(code, request.Name!.Trim(), level, request.ParentCode, boundary, request.ServiceStationAddress, request.QrToken), errors);
    }

    private static GeoPolygon? ReadBoundary(GeoJsonPolygon geo, Action<string, string> fault)
    {
        if (!string.Equals(geo.Type, "Polygon", StringComparison.Ordinal))
        {
            fault("boundary.type", $"The boundary must be a GeoJSON Polygon, not '{geo.Type}'.");
            return null;
        }
        if (geo.Coordinates is not { Length: 1 } rings)
        {
            fault("boundary.coordinates", "The boundary needs exactly one ring (holes are not supported).");
            return null;
        }
        var ring = rings[0];
        if (ring.Any(p => p is null || p.Length < 2))
        {
            fault("boundary.coordinates", "Every position needs a longitude and a latitude.");
            return null;
        }
        var polygon = new GeoPolygon(ring.Select(p => new GeoPoint(p[0], p[1])).ToArray());
        var faults = OrgGeometry.RingFaults(polygon);
        foreach (var problem in faults)
        {
            fault("boundary", problem);
        }
        return faults.Count == 0 ? polygon : null;
    }
}
