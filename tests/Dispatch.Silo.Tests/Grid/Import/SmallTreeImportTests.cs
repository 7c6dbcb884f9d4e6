using Dispatch.Contracts.Org;

namespace Dispatch.Silo.Tests.Grid.Import;

public class SmallTreeImportTests
{
    [Fact]
    public void A_valid_import_yields_units_boundaries_and_workers()
    {
        var result = new SmallTree().Import();

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        var snapshot = result.Snapshot!;
        Assert.Equal(6, snapshot.Units.Count);
        var grid = snapshot.Units.Single(u => u.Code == "C-01-01-001");
        Assert.Equal(OrgLevel.Grid, grid.Level);
        Assert.Equal("C-01-01", grid.ParentCode);
        Assert.Equal("肥城市新城街道龙山路1号, \"阳光\"网格服务站", grid.ServiceStationAddress);
        Assert.Equal("AbCdEfGh12345678", grid.QrToken);
        Assert.Equal(new GeoPoint(3, 3), grid.Boundary!.Ring[0]);
        Assert.Null(snapshot.Units[0].ServiceStationAddress);

        var worker = snapshot.Workers.Single(w => w.Id == "W2");
        Assert.False(worker.OnDuty);
        Assert.Equal(
            [new UnitAssignment("C-01-01-001", WorkerRole.FullTimeGridWorker), new UnitAssignment("C-01-01-001-01", WorkerRole.UnitHead)],
            worker.Assignments);
        Assert.Empty(snapshot.Logins);
        Assert.Empty(snapshot.SipDevices);
    }

    [Fact]
    public void A_child_listed_before_its_parent_comes_after_it_in_the_snapshot()
    {
        var tree = new SmallTree();
        var lines = tree.Units.Split('\n').ToList();
        (lines[1], lines[5]) = (lines[5], lines[1]);
        tree.Units = string.Join('\n', lines);

        var units = tree.Import().Snapshot!.Units.Select(u => u.Code).ToList();

        Assert.True(units.IndexOf("C") < units.IndexOf("C-01"));
        Assert.True(units.IndexOf("C-01-01-001") < units.IndexOf("C-01-01-001-02"));
    }

    [Fact]
    public void A_byte_order_mark_and_lf_line_ends_are_accepted()
    {
        var tree = new SmallTree();
        tree.Units = "\uFEFF" + tree.Units.Replace("\r\n", "\n");

        Assert.True(tree.Import().Succeeded);
    }

    [Fact]
    public void Units_without_a_feature_have_no_boundary()
    {
        var tree = new SmallTree();
        tree.Features.RemoveAt(5);

        var snapshot = tree.Import().Snapshot!;

        Assert.Null(snapshot.Units.Single(u => u.Code == "C-01-01-001-02").Boundary);
    }

    [Fact]
    public void Nothing_to_import_is_a_problem()
    {
        var result = new SmallTree().Import(units: false, boundaries: false, workers: false);

        ImportAssert.Fails(result, "nothing to import: give units.csv, boundaries.geojson or workers.csv");
    }
}
