namespace Dispatch.Silo.Tests.Grid.Import;

public class BoundariesProblemTests
{
    private static void FailsWithFeature(int index, string feature, params string[] messages)
    {
        var tree = new SmallTree();
        tree.Features[index] = feature;
        ImportAssert.Fails(tree.Import(workers: false), messages);
    }

    [Fact]
    public void A_ring_that_does_not_close_is_named() =>
        FailsWithFeature(2, SmallTree.Feature("C-01-01", (2, 2), (8, 2), (8, 8), (2, 8), (2, 3)),
            "boundaries.geojson feature 2 (code C-01-01): polygon ring is not closed (first position != last position)");

    [Fact]
    public void A_ring_with_too_few_positions_is_named() =>
        FailsWithFeature(2, SmallTree.Feature("C-01-01", (2, 2), (8, 2), (2, 2)),
            "boundaries.geojson feature 2 (code C-01-01): polygon ring has 3 positions; a closed ring needs at least 4");

    [Fact]
    public void A_self_intersecting_ring_is_named()
    {
        var tree = new SmallTree();
        tree.Features[2] = SmallTree.Feature("C-01-01", (2, 2), (8, 8), (8, 2), (2, 8), (2, 2));

        var problem = ImportAssert.FailsWith(tree.Import(), "boundaries.geojson feature 2 (code C-01-01): polygon is not valid: self-intersection near (5 5)");

        Assert.Equal(2, problem.Feature);
        Assert.Equal("geometry", problem.Field);
    }

    [Fact]
    public void A_child_outside_its_parent_is_named() =>
        FailsWithFeature(3, SmallTree.Rect("C-01-01-001", 3, 3, 7, 9),
            "boundaries.geojson feature 3 (code C-01-01-001): a child outside its parent: unit 'C-01-01-001' boundary is not within parent 'C-01-01' boundary");

    [Fact]
    public void Overlapping_siblings_are_named() =>
        FailsWithFeature(5, SmallTree.Rect("C-01-01-001-02", 4, 3, 7, 7),
            "boundaries.geojson feature 5 (code C-01-01-001-02): siblings overlap: unit 'C-01-01-001-02' boundary overlaps unit 'C-01-01-001-01' boundary (both under 'C-01-01-001')");

    [Fact]
    public void A_feature_for_an_unknown_unit_is_named() =>
        FailsWithFeature(5, SmallTree.Rect("C-99", 5, 3, 7, 7),
            "boundaries.geojson feature 5 (code C-99): code 'C-99' is not a unit in this import or the existing tree");

    [Fact]
    public void A_second_feature_for_the_same_unit_is_named() =>
        FailsWithFeature(5, SmallTree.Rect("C-01-01-001-01", 3, 3, 5, 7),
            "boundaries.geojson feature 5 (code C-01-01-001-01): code 'C-01-01-001-01' already has a boundary in feature 4");

    [Fact]
    public void A_multipolygon_is_refused() =>
        FailsWithFeature(1, """{"type":"Feature","properties":{"code":"C-01"},"geometry":{"type":"MultiPolygon","coordinates":[]}}""",
            "boundaries.geojson feature 1 (code C-01): geometry type 'MultiPolygon' is not supported; each boundary must be one Polygon");

    [Fact]
    public void A_polygon_with_a_hole_is_refused() =>
        FailsWithFeature(1, """{"type":"Feature","properties":{"code":"C-01"},"geometry":{"type":"Polygon","coordinates":[[[1,1],[9,1],[9,9],[1,9],[1,1]],[[2,2],[3,2],[3,3],[2,2]]]}}""",
            "boundaries.geojson feature 1 (code C-01): polygon has 2 rings; holes are not supported, give only the outer ring");

    [Fact]
    public void A_feature_without_a_code_is_named() =>
        FailsWithFeature(1, """{"type":"Feature","properties":{"name":"x"},"geometry":null}""",
            "boundaries.geojson feature 1: property \"code\" is missing or not a non-empty string");

    [Fact]
    public void A_position_that_is_not_a_pair_of_numbers_is_named() =>
        FailsWithFeature(1, """{"type":"Feature","properties":{"code":"C-01"},"geometry":{"type":"Polygon","coordinates":[[[1,1],[9,"1"],[9,9],[1,1]]]}}""",
            "boundaries.geojson feature 1 (code C-01): position 1 is not [longitude, latitude]");

    [Fact]
    public void Positions_outside_wgs84_are_named() =>
        FailsWithFeature(0, SmallTree.Rect("C", 0, 0, 190, 10),
            "boundaries.geojson feature 0 (code C): position 1 is outside WGS-84 (longitude -180..180, latitude -90..90)",
            "boundaries.geojson feature 0 (code C): position 2 is outside WGS-84 (longitude -180..180, latitude -90..90)");

    [Fact]
    public void Malformed_json_names_the_line()
    {
        var tree = new SmallTree();
        tree.Features[3] = "{\"type\": oops}";

        var problem = ImportAssert.FailsWith(tree.Import(), "boundaries.geojson line 4: not valid JSON (");

        Assert.Equal(4, problem.Line);
    }

    [Fact]
    public void The_top_level_must_be_a_feature_collection()
    {
        var result = Dispatch.Silo.Grid.Import.OrgImporter.Read(new(Boundaries: SmallTree.Stream("""{"type":"Feature"}""")));

        ImportAssert.Fails(result, "boundaries.geojson: the top level must be an object with \"type\": \"FeatureCollection\"");
    }
}
