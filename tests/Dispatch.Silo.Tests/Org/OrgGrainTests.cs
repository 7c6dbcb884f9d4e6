using Dispatch.Contracts.Org;

namespace Dispatch.Silo.Tests.Org;

/// <summary>The org tree's grains in an in-process cluster: rules, subtree queries, moves.</summary>
public sealed class OrgGrainTests(OrgClusterFixture fixture) : IClassFixture<OrgClusterFixture>
{
    private IOrgUnitGrain Unit(string code) => fixture.Grains.GetGrain<IOrgUnitGrain>(code);

    private IWorkerGrain Worker(string id) => fixture.Grains.GetGrain<IWorkerGrain>(id);

    private static GeoPolygon Box(double x0, double y0, double x1, double y1) =>
        new([new(x0, y0), new(x1, y0), new(x1, y1), new(x0, y1), new(x0, y0)]);

    /// <summary>city p → town p-t → community p-t-c → grids p-t-c-g1, p-t-c-g2; each grid a box side by side.</summary>
    private async Task BuildTree(string p)
    {
        await Unit(p).Define(new UnitDefinition(p, "市", OrgLevel.City, null, Box(0, 0, 10, 10), null, null));
        await Unit($"{p}-t").Define(new UnitDefinition($"{p}-t", "镇", OrgLevel.Town, p, Box(0, 0, 10, 10), null, null));
        await Unit($"{p}-t-c").Define(new UnitDefinition($"{p}-t-c", "社区", OrgLevel.Community, $"{p}-t", Box(0, 0, 10, 10), null, null));
        await Unit($"{p}-t-c-g1").Define(new UnitDefinition($"{p}-t-c-g1", "一网格", OrgLevel.Grid, $"{p}-t-c", Box(0, 0, 5, 10), "站点一", "QR1"));
        await Unit($"{p}-t-c-g2").Define(new UnitDefinition($"{p}-t-c-g2", "二网格", OrgLevel.Grid, $"{p}-t-c", Box(5, 0, 10, 10), "站点二", "QR2"));
    }

    private static WorkerDefinition Person(string id, bool onDuty, params (string Unit, WorkerRole Role)[] roles) =>
        new(id, "某人", "13800000000", roles.Select(r => new UnitAssignment(r.Unit, r.Role)).ToArray(), onDuty);

    [Fact]
    public async Task A_child_must_be_exactly_one_level_below_an_existing_parent()
    {
        await BuildTree("r1");

        var skip = await Assert.ThrowsAsync<ArgumentException>(() =>
            Unit("r1-x").Define(new UnitDefinition("r1-x", "跳级", OrgLevel.Grid, "r1-t", null, null, null)));
        var orphan = await Assert.ThrowsAsync<ArgumentException>(() =>
            Unit("r1-y").Define(new UnitDefinition("r1-y", "无父", OrgLevel.Town, "nowhere", null, null, null)));

        Assert.Contains("exactly one level below", skip.Message);
        Assert.Contains("does not exist", orphan.Message);
        Assert.Null(await Unit("r1-x").Get());
        Assert.Null(await Unit("r1-y").Get());
    }

    [Fact]
    public async Task Subtree_queries_filter_by_role_and_duty_across_levels()
    {
        await BuildTree("r2");
        await Worker("r2-w1").Define(Person("r2-w1", true, ("r2-t-c-g1", WorkerRole.GridChief)));
        await Worker("r2-w2").Define(Person("r2-w2", false, ("r2-t-c-g2", WorkerRole.GridChief)));
        await Worker("r2-w3").Define(Person("r2-w3", true, ("r2-t", WorkerRole.Dispatcher)));

        var onDutyChiefs = await Unit("r2").FindMembers(new MemberQuery([WorkerRole.GridChief], OnDuty: true));
        var allChiefs = await Unit("r2-t").FindMembers(new MemberQuery([WorkerRole.GridChief]));
        var everyone = await Unit("r2").FindMembers(new MemberQuery());

        Assert.Equal(["r2-w1"], onDutyChiefs.Select(m => m.WorkerId));
        Assert.Equal(["r2-w1", "r2-w2"], allChiefs.Select(m => m.WorkerId).Order());
        Assert.Equal(3, everyone.Count);
    }

    [Fact]
    public async Task A_duty_change_reaches_every_unit_the_worker_serves()
    {
        await BuildTree("r3");
        await Worker("r3-w").Define(Person("r3-w", false, ("r3-t-c-g1", WorkerRole.SunkOfficer), ("r3-t-c-g2", WorkerRole.SunkOfficer)));

        await Worker("r3-w").SetOnDuty(true);

        var g1 = await Unit("r3-t-c-g1").Get();
        var g2 = await Unit("r3-t-c-g2").Get();
        Assert.True(g1!.Members.Single().OnDuty);
        Assert.True(g2!.Members.Single().OnDuty);
        Assert.True((await Worker("r3-w").Get())!.Definition.OnDuty);
    }

    [Fact]
    public async Task Counts_count_a_person_serving_two_units_once()
    {
        await BuildTree("r4");
        await Worker("r4-w1").Define(Person("r4-w1", true, ("r4-t-c-g1", WorkerRole.MobileGridWorker), ("r4-t-c-g2", WorkerRole.MobileGridWorker)));
        await Worker("r4-w2").Define(Person("r4-w2", false, ("r4-t-c-g2", WorkerRole.Volunteer)));

        var counts = await Unit("r4").CountSubtree();

        Assert.Equal(2, counts.UnitsByLevel[OrgLevel.Grid]);
        Assert.Equal(1, counts.UnitsByLevel[OrgLevel.Community]);
        Assert.Equal(2, counts.Workers);
        Assert.Equal(1, counts.OnDutyWorkers);
    }

    [Fact]
    public async Task Reassigning_a_worker_leaves_the_old_unit()
    {
        await BuildTree("r5");
        await Worker("r5-w").Define(Person("r5-w", true, ("r5-t-c-g1", WorkerRole.FullTimeGridWorker)));

        await Worker("r5-w").Define(Person("r5-w", true, ("r5-t-c-g2", WorkerRole.FullTimeGridWorker)));

        Assert.Empty((await Unit("r5-t-c-g1").Get())!.Members);
        Assert.Equal("r5-w", (await Unit("r5-t-c-g2").Get())!.Members.Single().WorkerId);
    }

    [Fact]
    public async Task A_worker_assigned_to_a_missing_unit_is_refused_and_nothing_changes()
    {
        await BuildTree("r6");
        await Worker("r6-w").Define(Person("r6-w", true, ("r6-t-c-g1", WorkerRole.GridChief)));

        var refused = await Assert.ThrowsAsync<ArgumentException>(() =>
            Worker("r6-w").Define(Person("r6-w", true, ("r6-nowhere", WorkerRole.GridChief))));

        Assert.Contains("r6-nowhere", refused.Message);
        Assert.Equal("r6-t-c-g1", (await Worker("r6-w").Get())!.Definition.Assignments.Single().UnitCode);
        Assert.Single((await Unit("r6-t-c-g1").Get())!.Members);
    }

    [Fact]
    public async Task Moving_a_community_moves_its_subtree_and_the_paths_below()
    {
        await BuildTree("r7");
        await Unit("r7-t2").Define(new UnitDefinition("r7-t2", "二镇", OrgLevel.Town, "r7", null, null, null));

        await Unit("r7-t-c").Define(new UnitDefinition("r7-t-c", "社区", OrgLevel.Community, "r7-t2", null, null, null));

        Assert.DoesNotContain((await Unit("r7-t").Get())!.Children, c => c.Code == "r7-t-c");
        Assert.Contains((await Unit("r7-t2").Get())!.Children, c => c.Code == "r7-t-c");
        Assert.Equal(["r7", "r7-t2", "r7-t-c"], await Unit("r7-t-c-g1").GetPath());
    }

    [Fact]
    public async Task A_point_is_located_down_to_the_grid_that_holds_it()
    {
        await BuildTree("r8");

        var chain = await Unit("r8").Locate(new GeoPoint(7, 3));
        var outside = await Unit("r8").Locate(new GeoPoint(20, 20));

        Assert.Equal(["r8", "r8-t", "r8-t-c", "r8-t-c-g2"], chain.Select(u => u.Code));
        Assert.Empty(outside);
    }
}
