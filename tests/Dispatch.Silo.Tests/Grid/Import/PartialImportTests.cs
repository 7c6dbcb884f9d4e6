using Dispatch.Contracts.Org;
using Dispatch.Silo.Grid;

namespace Dispatch.Silo.Tests.Grid.Import;

/// <summary>Importing a part of a tree on top of an existing one (the small tree, already imported).</summary>
public class PartialImportTests
{
    private static readonly OrgSnapshot Existing = new SmallTree().Import().Snapshot!;
    private static readonly Func<string, UnitDefinition?> ExistingUnit = SmallTree.LookupOf(Existing);
    private static readonly Func<string, IEnumerable<UnitDefinition>> ExistingChildren = SmallTree.ChildrenLookupOf(Existing);

    private static SmallTree NewGrid(double east = 7.8)
    {
        var tree = new SmallTree
        {
            Units = """
                code,name,level,parent_code,service_station_address,qr_token
                C-01-01-002,幸福家园,grid,C-01-01,,QrForTheNewGrid1
                C-01-01-002-01,1号楼,micro_grid,C-01-01-002,,

                """,
            Workers = """
                id,name,phone,on_duty,assignments
                W3,张强,13900000003,true,C-01-01-002:grid_chief;C-01-01-001:sunk_officer

                """,
        };
        tree.Features.Clear();
        tree.Features.Add(SmallTree.Rect("C-01-01-002", 7.2, 3, east, 7));
        tree.Features.Add(SmallTree.Rect("C-01-01-002-01", 7.3, 3.5, 7.7, 6.5));
        return tree;
    }

    [Fact]
    public void New_units_under_an_existing_parent_and_workers_of_existing_units_are_accepted()
    {
        var result = NewGrid().Import(ExistingUnit);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal(["C-01-01-002", "C-01-01-002-01"], result.Snapshot!.Units.Select(u => u.Code));
        Assert.Equal(2, Assert.Single(result.Snapshot.Workers).Assignments.Count);
    }

    [Fact]
    public void Without_the_existing_tree_the_parent_is_unknown()
    {
        var result = NewGrid().Import();

        ImportAssert.Fails(result,
            "units.csv line 2: parent_code 'C-01-01' is not a unit in this import or the existing tree",
            "workers.csv line 2: assignment 'C-01-01-001:sunk_officer' names unit 'C-01-01-001', which is not a unit in this import or the existing tree");
    }

    [Fact]
    public void A_new_unit_must_lie_within_its_existing_parent()
    {
        var result = NewGrid(east: 8.5).Import(ExistingUnit);

        ImportAssert.Fails(result,
            "boundaries.geojson feature 0 (code C-01-01-002): a child outside its parent: unit 'C-01-01-002' boundary is not within parent 'C-01-01' boundary");
    }

    [Fact]
    public void A_level_must_be_one_below_an_existing_parent()
    {
        var tree = NewGrid();
        tree.ReplaceUnitLine(2, "C-01-01-002,幸福家园,grid,C-01,,");

        var problem = ImportAssert.FailsWith(tree.Import(ExistingUnit), "units.csv line 2: level grid must be exactly one below its parent's level");

        Assert.EndsWith("but parent 'C-01' is a town", problem.Message);
    }

    [Fact]
    public void A_boundary_alone_redraws_an_existing_unit_and_keeps_the_rest()
    {
        var tree = new SmallTree();
        tree.Features.Clear();
        tree.Features.Add(SmallTree.Rect("C-01-01-001-02", 5, 3, 6.5, 7));

        var result = tree.Import(ExistingUnit, units: false, workers: false);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        var unit = Assert.Single(result.Snapshot!.Units);
        Assert.Equal(ExistingUnit("C-01-01-001-02")! with { Boundary = unit.Boundary }, unit);
        Assert.Equal(new GeoPoint(6.5, 3), unit.Boundary!.Ring[1]);
    }

    [Fact]
    public void A_redrawn_unit_is_checked_against_its_existing_parent()
    {
        var tree = new SmallTree();
        tree.Features.Clear();
        tree.Features.Add(SmallTree.Rect("C-01-01-001-02", 5, 3, 7.5, 7));

        ImportAssert.Fails(tree.Import(ExistingUnit, units: false, workers: false),
            "boundaries.geojson feature 0 (code C-01-01-001-02): a child outside its parent: unit 'C-01-01-001-02' boundary is not within parent 'C-01-01-001' boundary");
    }

    [Fact]
    public void Reimporting_units_without_boundaries_keeps_the_existing_boundaries()
    {
        var result = new SmallTree().Import(ExistingUnit, boundaries: false);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        SnapshotAssert.Equal(Existing, result.Snapshot!);
    }

    [Fact]
    public void A_new_unit_overlapping_an_existing_sibling_is_refused_when_children_can_be_looked_up()
    {
        var tree = NewGrid();
        tree.Features[0] = SmallTree.Rect("C-01-01-002", 6.5, 3, 7.8, 7);
        tree.Features[1] = SmallTree.Rect("C-01-01-002-01", 7.3, 3.5, 7.7, 6.5);

        Assert.True(tree.Import(ExistingUnit).Succeeded);
        ImportAssert.Fails(tree.Import(ExistingUnit, existingChildren: ExistingChildren),
            "boundaries.geojson feature 0 (code C-01-01-002): siblings overlap: unit 'C-01-01-002' boundary overlaps unit 'C-01-01-001' boundary (both under 'C-01-01')");
    }

    [Fact]
    public void A_redrawn_unit_must_still_hold_its_existing_children()
    {
        var tree = new SmallTree();
        tree.Features.Clear();
        tree.Features.Add(SmallTree.Rect("C-01-01-001", 3, 3, 6, 7));

        ImportAssert.Fails(tree.Import(ExistingUnit, units: false, workers: false, existingChildren: ExistingChildren),
            "boundaries.geojson feature 0 (code C-01-01-001): a child outside its parent: unit 'C-01-01-001-02' boundary is not within parent 'C-01-01-001' boundary");
    }

    [Fact]
    public void A_new_unit_beside_its_existing_siblings_is_accepted_with_children_lookup()
    {
        var result = NewGrid().Import(ExistingUnit, existingChildren: ExistingChildren);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
    }
}
