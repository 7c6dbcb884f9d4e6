using Dispatch.Contracts.Org;
using Dispatch.Silo.Grid.GeoIndex;

namespace Dispatch.Silo.Tests.Grid.Demo;

public class DemoTreeGeometryTests
{
    [Fact]
    public void Every_boundary_is_a_valid_closed_ring()
    {
        Assert.All(DemoSnapshot.Value.Units, u => Assert.Empty(OrgGeometry.RingFaults(u.Boundary!)));
    }

    [Fact]
    public void The_city_lies_in_the_county_box()
    {
        var city = DemoSnapshot.Value.Units.Single(u => u.Level == OrgLevel.City);
        Assert.All(city.Boundary!.Ring, p =>
        {
            Assert.InRange(p.Longitude, 116.55, 117.05);
            Assert.InRange(p.Latitude, 35.95, 36.30);
        });
    }

    [Fact]
    public void Every_child_lies_within_its_parent()
    {
        var polygons = DemoSnapshot.Value.Units.ToDictionary(u => u.Code, u => u.Boundary!.ToPolygon());
        foreach (var unit in DemoSnapshot.Value.Units.Where(u => u.ParentCode is not null))
        {
            Assert.True(polygons[unit.ParentCode!].Contains(polygons[unit.Code]), $"{unit.Code} leaves {unit.ParentCode}");
        }
    }

    [Fact]
    public void Siblings_do_not_overlap()
    {
        foreach (var siblings in DemoSnapshot.Value.Units.Where(u => u.ParentCode is not null).GroupBy(u => u.ParentCode))
        {
            var polygons = siblings.Select(u => (u.Code, Polygon: u.Boundary!.ToPolygon())).ToList();
            for (var i = 0; i < polygons.Count; i++)
            {
                for (var j = i + 1; j < polygons.Count; j++)
                {
                    Assert.False(polygons[i].Polygon.Intersects(polygons[j].Polygon), $"{polygons[i].Code} meets {polygons[j].Code}");
                }
            }
        }
    }

    [Fact]
    public void A_point_inside_a_micro_grid_locates_its_grid()
    {
        var units = DemoSnapshot.Value.Units;
        var micro = units.First(u => u.Level == OrgLevel.MicroGrid);
        var ring = micro.Boundary!.Ring;
        var centre = new GeoPoint((ring[0].Longitude + ring[2].Longitude) / 2, (ring[0].Latitude + ring[2].Latitude) / 2);

        var index = new BoundaryIndex(units.Where(u => u.Level == OrgLevel.Grid));

        Assert.Equal([micro.ParentCode!], index.Locate(centre));
        Assert.True(micro.Boundary.Contains(centre));
        Assert.Empty(index.Locate(new GeoPoint(100, 30)));
    }
}
