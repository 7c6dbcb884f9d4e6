using Dispatch.Gateway.Api;
using Dispatch.Gateway.Tests.Support;

namespace Dispatch.Gateway.Tests.Api;

/// <summary>
/// A bulk send asks each worker's grain once while the org tree is unchanged, and again after a change; a worker not
/// found is asked again every time. The grains here are stand-ins that count the questions (a unit test: the
/// sends themselves are tested against the real gateway in Realtime/).
/// </summary>
public sealed class RecentWorkerViewsTests
{
    [Fact]
    public async Task A_worker_is_asked_once_while_the_org_is_unchanged_and_again_after_a_change()
    {
        var factory = CountingGrains.Create(out var grains);
        grains.WorkerUnits["w1"] = "unit-a";
        var views = new RecentWorkerViews(factory);

        var first = await views.Get(["w1"]);
        var again = await views.Get(["w1"]);
        grains.WorkerUnits["w1"] = "unit-b"; // the move is saved ...
        grains.ChangeOrg();                  // ... and then marked, as WorkerGrain.Define does
        var after = await views.Get(["w1"]);

        Assert.Equal("unit-a", first.Single()!.Definition.Assignments.Single().UnitCode);
        Assert.Equal("unit-a", again.Single()!.Definition.Assignments.Single().UnitCode);
        Assert.Equal("unit-b", after.Single()!.Definition.Assignments.Single().UnitCode);
        Assert.Equal(2, grains.Asked["w1"]);
    }

    [Fact]
    public async Task A_worker_not_found_is_asked_again_and_found_once_it_exists()
    {
        var factory = CountingGrains.Create(out var grains);
        grains.WorkerUnits["w1"] = "unit-a";
        var views = new RecentWorkerViews(factory);

        var before = await views.Get(["w1", "w2"]);
        grains.WorkerUnits["w2"] = "unit-a";
        var after = await views.Get(["w1", "w2"]);

        Assert.NotNull(before[0]);
        Assert.Null(before[1]);
        Assert.Equal("w2", after[1]!.Definition.Id);
        Assert.Equal(1, grains.Asked["w1"]);
        Assert.Equal(2, grains.Asked["w2"]);
    }
}
