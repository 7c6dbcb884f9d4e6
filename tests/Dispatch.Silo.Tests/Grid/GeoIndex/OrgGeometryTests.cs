using Dispatch.Contracts.Org;
using Dispatch.Silo.Grid.Demo;
using Dispatch.Silo.Grid.GeoIndex;

namespace Dispatch.Silo.Tests.Grid.GeoIndex;

public class OrgGeometryTests
{
    private static GeoPolygon Box(double west, double south, double east, double north) => new GeoRect(west, south, east, north).ToPolygon();

    [Fact]
    public void A_polygon_converts_to_nts_and_back_unchanged()
    {
        var box = Box(116.6, 36.0, 116.7, 36.1);

        var back = box.ToPolygon().ToGeoPolygon();

        Assert.Equal(box.Ring, back.Ring);
    }

    [Fact]
    public void Contains_counts_the_edge_as_inside()
    {
        var box = Box(0, 0, 2, 2);

        Assert.True(box.Contains(new GeoPoint(1, 1)));
        Assert.True(box.Contains(new GeoPoint(2, 1)));
        Assert.False(box.Contains(new GeoPoint(3, 1)));
    }

    [Fact]
    public void A_child_sharing_its_parents_edge_is_within_it() =>
        Assert.True(OrgGeometry.IsWithin(Box(0, 0, 1, 2), Box(0, 0, 2, 2)));

    [Fact]
    public void A_child_sticking_out_is_not_within() =>
        Assert.False(OrgGeometry.IsWithin(Box(1, 1, 3, 2), Box(0, 0, 2, 2)));

    [Fact]
    public void Siblings_sharing_an_edge_or_a_corner_do_not_overlap()
    {
        Assert.False(OrgGeometry.Overlap(Box(0, 0, 1, 1), Box(1, 0, 2, 1)));
        Assert.False(OrgGeometry.Overlap(Box(0, 0, 1, 1), Box(1, 1, 2, 2)));
        Assert.False(OrgGeometry.Overlap(Box(0, 0, 1, 1), Box(5, 5, 6, 6)));
    }

    [Fact]
    public void Siblings_whose_interiors_meet_overlap_even_when_one_contains_the_other()
    {
        Assert.True(OrgGeometry.Overlap(Box(0, 0, 2, 2), Box(1, 1, 3, 3)));
        Assert.True(OrgGeometry.Overlap(Box(0, 0, 4, 4), Box(1, 1, 2, 2)));
    }

    [Fact]
    public void Ring_faults_name_every_fault_of_the_ring()
    {
        Assert.Empty(OrgGeometry.RingFaults(Box(0, 0, 1, 1)));
        Assert.Equal(
            ["polygon ring is not closed (first position != last position)", "polygon ring has 3 positions; a closed ring needs at least 4"],
            OrgGeometry.RingFaults(new GeoPolygon([new(0, 0), new(1, 0), new(1, 1)])));
        Assert.Equal(["polygon ring has 0 positions; a closed ring needs at least 4"], OrgGeometry.RingFaults(new GeoPolygon([])));
    }

    [Fact]
    public void A_bow_tie_is_not_valid()
    {
        var bowTie = new GeoPolygon([new(0, 0), new(2, 2), new(2, 0), new(0, 2), new(0, 0)]);

        Assert.Equal(["polygon is not valid: self-intersection near (1 1)"], OrgGeometry.RingFaults(bowTie));
    }
}
