using System.Reflection;
using Dispatch.Contracts.Org;
using Dispatch.Gateway.Api;
using Microsoft.Extensions.Time.Testing;

namespace Dispatch.Gateway.Tests.Api;

/// <summary>
/// A bulk send asks each worker's grain at most once per <see cref="RecentWorkerViews.Lifetime"/>; a worker not
/// found is asked again every time. The grains here are stand-ins that count the questions (a unit test: the
/// sends themselves are tested against the real gateway in Realtime/).
/// </summary>
public sealed class RecentWorkerViewsTests
{
    [Fact]
    public async Task A_worker_is_asked_once_within_the_lifetime_and_again_after_it()
    {
        var clock = new FakeTimeProvider();
        var grains = CountingWorkers.Create(out var workers);
        workers.Known["w1"] = "unit-a";
        var views = new RecentWorkerViews(grains, clock);

        var first = await views.Get(["w1"]);
        workers.Known["w1"] = "unit-b";
        clock.Advance(RecentWorkerViews.Lifetime - TimeSpan.FromSeconds(1));
        var within = await views.Get(["w1"]);
        clock.Advance(TimeSpan.FromSeconds(1));
        var after = await views.Get(["w1"]);

        Assert.Equal("unit-a", first.Single()!.Definition.Assignments.Single().UnitCode);
        Assert.Equal("unit-a", within.Single()!.Definition.Assignments.Single().UnitCode);
        Assert.Equal("unit-b", after.Single()!.Definition.Assignments.Single().UnitCode);
        Assert.Equal(2, workers.Asked["w1"]);
    }

    [Fact]
    public async Task A_worker_not_found_is_asked_again_and_found_once_it_exists()
    {
        var grains = CountingWorkers.Create(out var workers);
        workers.Known["w1"] = "unit-a";
        var views = new RecentWorkerViews(grains, new FakeTimeProvider());

        var before = await views.Get(["w1", "w2"]);
        workers.Known["w2"] = "unit-a";
        var after = await views.Get(["w1", "w2"]);

        Assert.NotNull(before[0]);
        Assert.Null(before[1]);
        Assert.Equal("w2", after[1]!.Definition.Id);
        Assert.Equal(1, workers.Asked["w1"]);
        Assert.Equal(2, workers.Asked["w2"]);
    }

    /// <summary>An <see cref="IGrainFactory"/> whose worker grains answer from <see cref="Known"/> and count calls.</summary>
    public class CountingWorkers : DispatchProxy
    {
        public Dictionary<string, string> Known { get; } = [];

        public Dictionary<string, int> Asked { get; } = [];

        public static IGrainFactory Create(out CountingWorkers workers)
        {
            var factory = Create<IGrainFactory, CountingWorkers>();
            workers = (CountingWorkers)(object)factory;
            return factory;
        }

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            if (method is { Name: nameof(IGrainFactory.GetGrain), IsGenericMethod: true }
                && method.GetGenericArguments()[0] == typeof(IWorkerGrain) && args?[0] is string id)
            {
                var grain = Create<IWorkerGrain, WorkerStandIn>();
                ((WorkerStandIn)(object)grain).Bind(this, id);
                return grain;
            }
            throw new NotSupportedException($"Not used by RecentWorkerViews: {method}");
        }
    }

    public class WorkerStandIn : DispatchProxy
    {
        private CountingWorkers _owner = null!;
        private string _id = "";

        public void Bind(CountingWorkers owner, string id) => (_owner, _id) = (owner, id);

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            if (method?.Name != nameof(IWorkerGrain.Get))
            {
                throw new NotSupportedException($"Not used by RecentWorkerViews: {method}");
            }
            _owner.Asked[_id] = _owner.Asked.GetValueOrDefault(_id) + 1;
            WorkerView? view = _owner.Known.TryGetValue(_id, out var unit)
                ? new WorkerView(new WorkerDefinition(_id, _id, "139", [new UnitAssignment(unit, WorkerRole.FullTimeGridWorker)], true), [], DateTimeOffset.UnixEpoch)
                : null;
            return Task.FromResult(view);
        }
    }
}
