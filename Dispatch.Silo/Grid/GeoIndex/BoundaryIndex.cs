using Dispatch.Contracts.Org;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;

namespace Dispatch.Silo.Grid.GeoIndex;

/// <summary>
/// An immutable spatial index over unit boundaries: which units contain a point. Build it once
/// from the grids (or any level) and query it from many threads.
/// </summary>
public sealed class BoundaryIndex
{
    private readonly STRtree<(string Code, IPreparedGeometry Boundary)> _tree = new();

    public BoundaryIndex(IEnumerable<UnitDefinition> units)
    {
        foreach (var unit in units)
        {
            if (unit.Boundary is null)
            {
                continue;
            }
            var polygon = unit.Boundary.ToPolygon();
            _tree.Insert(polygon.EnvelopeInternal, (unit.Code, PreparedGeometryFactory.Prepare(polygon)));
        }
        _tree.Build();
    }

    /// <summary>The codes of every indexed unit whose boundary covers the point, in code order.</summary>
    public IReadOnlyList<string> Locate(GeoPoint point)
    {
        var nts = point.ToPoint();
        return _tree.Query(nts.EnvelopeInternal)
            .Where(entry => entry.Boundary.Covers(nts))
            .Select(entry => entry.Code)
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
