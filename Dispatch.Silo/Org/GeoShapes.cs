using Dispatch.Contracts.Org;
using NetTopologySuite.Geometries;

namespace Dispatch.Silo.Org;

/// <summary>Converts the contract's polygons to NetTopologySuite geometry.</summary>
public static class GeoShapes
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    public static Polygon ToPolygon(GeoPolygon polygon) =>
        Factory.CreatePolygon(polygon.Ring.Select(p => new Coordinate(p.Longitude, p.Latitude)).ToArray());

    public static Point ToPoint(GeoPoint point) => Factory.CreatePoint(new Coordinate(point.Longitude, point.Latitude));
}
