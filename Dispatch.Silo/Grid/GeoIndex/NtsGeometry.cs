using Dispatch.Contracts.Org;
using NetTopologySuite.Geometries;

namespace Dispatch.Silo.Grid.GeoIndex;

/// <summary>
/// Conversions between the contract's <see cref="GeoPolygon"/> and NetTopologySuite geometry.
/// Longitude is X and latitude is Y, as in GeoJSON (RFC 7946 §3.1.1).
/// </summary>
public static class NtsGeometry
{
    /// <summary>WGS-84 (EPSG:4326), full double precision.</summary>
    public static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    /// <summary>
    /// The NTS polygon of a boundary. The ring must be closed with at least 4 positions
    /// (check with <see cref="OrgGeometry.RingFaults"/> first); NTS throws otherwise.
    /// </summary>
    public static Polygon ToPolygon(this GeoPolygon boundary)
    {
        var coordinates = new Coordinate[boundary.Ring.Count];
        for (var i = 0; i < coordinates.Length; i++)
        {
            coordinates[i] = new Coordinate(boundary.Ring[i].Longitude, boundary.Ring[i].Latitude);
        }
        return Factory.CreatePolygon(coordinates);
    }

    /// <summary>The outer ring of an NTS polygon as a boundary; holes are dropped.</summary>
    public static GeoPolygon ToGeoPolygon(this Polygon polygon) =>
        new(polygon.ExteriorRing.Coordinates.Select(c => new GeoPoint(c.X, c.Y)).ToArray());

    public static Point ToPoint(this GeoPoint point) =>
        Factory.CreatePoint(new Coordinate(point.Longitude, point.Latitude));

    /// <summary>True when the point lies inside the boundary or on its edge.</summary>
    public static bool Contains(this GeoPolygon boundary, GeoPoint point) =>
        boundary.ToPolygon().Covers(point.ToPoint());
}
