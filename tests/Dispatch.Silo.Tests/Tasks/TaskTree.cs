using Dispatch.Contracts.Org;
using Dispatch.Contracts.Tasks;

namespace Dispatch.Silo.Tests.Tasks;

/// <summary>
/// A county of one town, one community and two grids side by side (west G1, east G2), with a grid worker
/// in each grid, a leader in the town and a dispatcher at the city.
/// <code>
///  lon  x ........ x+0.5 ........ x+1
///       |    G1     |      G2     |    lat 30..31
/// </code>
/// </summary>
public sealed record TaskTree(string City, string Town, string Community, string Grid1, string Grid2,
    string Worker1, string Worker2, string Leader, string Dispatcher, GeoPoint InGrid1, GeoPoint InGrid2, GeoPoint Outside)
{
    public static async Task<TaskTree> Create(IGrainFactory grains, string prefix, double x)
    {
        var tree = new TaskTree($"{prefix}", $"{prefix}-T", $"{prefix}-T-C", $"{prefix}-T-C-G1", $"{prefix}-T-C-G2",
            $"{prefix}-w1", $"{prefix}-w2", $"{prefix}-leader", $"{prefix}-disp",
            new GeoPoint(x + 0.25, 30.5), new GeoPoint(x + 0.75, 30.5), new GeoPoint(x + 5, 30.5));
        await Define(grains, tree.City, "测试市", OrgLevel.City, null, x, x + 1);
        await Define(grains, tree.Town, "测试镇", OrgLevel.Town, tree.City, x, x + 1);
        await Define(grains, tree.Community, "测试社区", OrgLevel.Community, tree.Town, x, x + 1);
        await Define(grains, tree.Grid1, "一网格", OrgLevel.Grid, tree.Community, x, x + 0.5);
        await Define(grains, tree.Grid2, "二网格", OrgLevel.Grid, tree.Community, x + 0.5, x + 1);
        await Worker(grains, tree.Worker1, "张一", tree.Grid1, WorkerRole.FullTimeGridWorker);
        await Worker(grains, tree.Worker2, "李二", tree.Grid2, WorkerRole.FullTimeGridWorker);
        await Worker(grains, tree.Leader, "王镇长", tree.Town, WorkerRole.Leader);
        await Worker(grains, tree.Dispatcher, "赵调度", tree.City, WorkerRole.Dispatcher);
        return tree;
    }

    public TaskActor DispatcherActor => new("dispatcher", Dispatcher, TaskActorRoles.Dispatcher);

    public TaskActor LeaderActor => new("leader", Leader, TaskActorRoles.Leader);

    /// <summary>A grid worker: whether they are the assignee is for the task to work out.</summary>
    public TaskActor Worker1Actor => new("w1", Worker1, TaskActorRoles.None);

    public TaskActor Worker2Actor => new("w2", Worker2, TaskActorRoles.None);

    public NewTask Report(string category = "fire_lane", GeoPoint? place = null) =>
        new(TaskSource.WorkerReport, category, "消防通道被占", "三号楼北侧消防通道被车辆堵塞", place ?? InGrid1, Worker1Actor);

    private static Task Define(IGrainFactory grains, string code, string name, OrgLevel level, string? parent, double west, double east) =>
        grains.GetGrain<IOrgUnitGrain>(code).Define(new UnitDefinition(code, name, level, parent, new GeoPolygon(
        [
            new(west, 30), new(east, 30), new(east, 31), new(west, 31), new(west, 30),
        ]), null, null));

    private static Task Worker(IGrainFactory grains, string id, string name, string unit, WorkerRole role) =>
        grains.GetGrain<IWorkerGrain>(id).Define(new WorkerDefinition(id, name, "139" + Math.Abs(id.GetHashCode() % 100000000).ToString("D8"),
            [new UnitAssignment(unit, role)], OnDuty: true));
}
