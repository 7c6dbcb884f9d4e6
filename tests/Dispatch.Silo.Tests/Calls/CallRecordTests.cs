using Dispatch.Contracts.Calls;

namespace Dispatch.Silo.Tests.Calls;

public sealed class CallRecordTests(CallClusterFixture fixture) : IClassFixture<CallClusterFixture>
{
    private ICallRegistryGrain Registry => fixture.Grains.GetGrain<ICallRegistryGrain>(0);

    private static CallQuery All(IReadOnlyList<string>? scope = null, string? viewer = null) => new(scope, viewer, null, null, null, null, null, 0, 100);

    [Fact]
    public async Task Records_are_listed_within_a_scope_of_units_and_to_the_workers_who_took_part_and_nowhere_else()
    {
        var here = await CallTree.Create(fixture.Grains, fixture.Gateway);
        var there = await CallTree.Create(fixture.Grains, fixture.Gateway);
        var mine = await Ended(here);
        var theirs = await Ended(there);

        var cityScope = await Registry.Query(All([here.City]));
        var gridScope = await Registry.Query(All([here.Grid]));
        var viewer = await Registry.Query(All([], here.Worker));
        var admin = await Registry.Query(All());

        Assert.Contains(cityScope.Calls, c => c.Id == mine);
        Assert.DoesNotContain(cityScope.Calls, c => c.Id == theirs);
        Assert.Contains(gridScope.Calls, c => c.Id == mine);
        Assert.Equal([mine], viewer.Calls.Select(c => c.Id));
        Assert.Contains(admin.Calls, c => c.Id == theirs);
    }

    [Fact]
    public async Task Records_filter_by_worker_outcome_and_time_and_page_newest_first()
    {
        var tree = await CallTree.Create(fixture.Grains, fixture.Gateway);
        var first = await Ended(tree);
        var second = await Ended(tree);
        var third = await Ended(tree);
        var cancelledRecord = (await fixture.Grains.GetGrain<ICallGrain>(second).Get())!;
        var mine = new CallQuery([tree.City], null, tree.Grid, tree.Worker, null, null, null, 0, 2);

        var page1 = await Registry.Query(mine);
        var page2 = await Registry.Query(mine with { Offset = 2 });
        var cancelled = await Registry.Query(mine with { Outcome = CallOutcome.Cancelled });
        var fromSecond = await Registry.Query(mine with { From = cancelledRecord.StartedAt });
        var nobody = await Registry.Query(mine with { WorkerId = tree.Chief });

        Assert.Equal(3, page1.Total);
        Assert.Equal([third, second], page1.Calls.Select(c => c.Id));
        Assert.Equal([first], page2.Calls.Select(c => c.Id));
        Assert.Equal([second], cancelled.Calls.Select(c => c.Id));
        Assert.Equal([third, second], fromSecond.Calls.Select(c => c.Id));
        Assert.Equal(0, nobody.Total);
    }

    /// <summary>One call from the dispatcher to the worker: the 2nd of a series is cancelled, the others answered and hung up.</summary>
    private async Task<string> Ended(CallTree tree)
    {
        var caller = await tree.Connect(tree.Dispatcher, "console");
        await tree.Connect(tree.Worker, "web-a");
        var id = CallTree.NewCallId();
        await tree.Call(id).Start(tree.Start(caller, tree.Dispatcher, tree.Worker));
        var count = (await Registry.Query(new CallQuery(null, null, null, tree.Worker, null, null, null, 0, 100))).Total;
        if (count != 2)
        {
            await tree.Call(id).Answer(tree.Worker, "web-a");
        }
        await tree.Call(id).HangUp(tree.Dispatcher, "console");
        // Start times must differ for the ordering to be observable.
        await Task.Delay(20);
        return id;
    }
}
