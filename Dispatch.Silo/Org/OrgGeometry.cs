using Dispatch.Contracts.Org;

namespace Dispatch.Silo.Org;

/// <summary>The rules a unit boundary must keep (RFC 7946 §3.1.6 linear rings, and nesting).</summary>
public static class OrgGeometry
{
    public static IEnumerable<string> Problems(GeoPolygon polygon)
    {
        var ring = polygon.Ring;
        if (ring.Count < 4)
        {
            yield return $"A ring needs at least 4 positions (the first repeated at the end); it has {ring.Count}.";
            yield break;
        }
        if (ring[0] != ring[^1])
        {
            yield return "The polygon ring is not closed: the first and last positions differ.";
            yield break;
        }
        if (ring.Any(p => p.Longitude is < -180 or > 180 || p.Latitude is < -90 or > 90 || double.IsNaN(p.Longitude) || double.IsNaN(p.Latitude)))
        {
            yield return "Every position must be a longitude in -180..180 and a latitude in -90..90.";
            yield break;
        }
        var shape = GeoShapes.ToPolygon(polygon);
        if (!shape.IsValid)
        {
            yield return "The polygon is not valid (it crosses itself or has no area).";
        }
    }

    public static bool IsWithin(GeoPolygon child, GeoPolygon parent) =>
        GeoShapes.ToPolygon(parent).Covers(GeoShapes.ToPolygon(child));
}
