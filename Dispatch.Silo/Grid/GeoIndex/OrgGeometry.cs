using Dispatch.Contracts.Org;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;

namespace Dispatch.Silo.Grid.GeoIndex;

/// <summary>
/// The geometric rules of the tree, shared by the importer and the grains: a boundary is a closed,
/// simple ring; a child lies within its parent; siblings do not overlap (they may share an edge).
/// </summary>
public static class OrgGeometry
{
    /// <summary>
    /// Relative area below which a difference or an intersection counts as floating-point noise
    /// along a shared edge rather than a real excursion.
    /// </summary>
    private const double AreaTolerance = 1e-9;

    /// <summary>
    /// What is wrong with a boundary's ring, as lowercase phrases ready to follow a location
    /// ("polygon ring is not closed (first position != last position)"); empty when it is fine.
    /// </summary>
    public static IReadOnlyList<string> RingFaults(GeoPolygon boundary)
    {
        var ring = boundary.Ring;
        var faults = new List<string>();
        for (var i = 0; i < ring.Count; i++)
        {
            var p = ring[i];
            if (!double.IsFinite(p.Longitude) || p.Longitude < -180 || p.Longitude > 180 ||
                !double.IsFinite(p.Latitude) || p.Latitude < -90 || p.Latitude > 90)
            {
                faults.Add($"position {i} is outside WGS-84 (longitude -180..180, latitude -90..90)");
            }
        }
        if (ring.Count > 0 && ring[0] != ring[^1])
        {
            faults.Add("polygon ring is not closed (first position != last position)");
        }
        if (ring.Count < 4)
        {
            faults.Add($"polygon ring has {ring.Count} positions; a closed ring needs at least 4");
        }
        if (faults.Count > 0)
        {
            return faults;
        }

        var validation = new IsValidOp(boundary.ToPolygon()).ValidationError;
        if (validation is not null)
        {
            faults.Add($"polygon is not valid: {validation.Message.ToLowerInvariant()} near " +
                       $"({Format(validation.Coordinate.X)} {Format(validation.Coordinate.Y)})");
        }
        return faults;
    }

    /// <summary>True when the child lies inside the parent (touching the parent's edge from inside is fine).</summary>
    public static bool IsWithin(GeoPolygon child, GeoPolygon parent) => IsWithin(child.ToPolygon(), parent.ToPolygon());

    public static bool IsWithin(Polygon child, Polygon parent)
    {
        if (parent.Covers(child))
        {
            return true;
        }
        if (!parent.EnvelopeInternal.Intersects(child.EnvelopeInternal))
        {
            return false;
        }
        return child.Difference(parent).Area <= child.Area * AreaTolerance;
    }

    /// <summary>True when the interiors of two siblings meet; sharing an edge or a corner is not an overlap.</summary>
    public static bool Overlap(GeoPolygon a, GeoPolygon b) => Overlap(a.ToPolygon(), b.ToPolygon());

    public static bool Overlap(Polygon a, Polygon b)
    {
        if (!a.EnvelopeInternal.Intersects(b.EnvelopeInternal) || !a.Relate(b, "T********"))
        {
            return false;
        }
        return a.Intersection(b).Area > Math.Min(a.Area, b.Area) * AreaTolerance;
    }

    private static string Format(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
