using System.Globalization;
using Dispatch.Contracts.Org;

namespace Dispatch.Silo.Grid.Demo;

/// <summary>
/// Staffs the demo tree in the "1+2+N" mix of DOMAIN.md. Ids are handed out in this order:
/// <list type="number">
/// <item>city: 2 dispatchers, 2 leaders (W000001..W000004);</item>
/// <item>each town: 1 dispatcher, then 2 leaders;</item>
/// <item>each grid: its chief, full-time and part-time grid worker;</item>
/// <item>unit heads and party-member households on micro-grids;</item>
/// <item>mobile grid workers and sunk officers on 2–4 grids of one town; volunteers on one grid.</item>
/// </list>
/// </summary>
internal sealed class DemoWorkforce
{
    private readonly Random _random;
    private readonly ChineseNames _names;
    private readonly MobileNumbers _phones;
    private readonly List<WorkerDefinition> _workers = [];

    private DemoWorkforce(Random random)
    {
        _random = random;
        _names = new ChineseNames(random);
        _phones = new MobileNumbers(random);
    }

    public IReadOnlyList<WorkerDefinition> Workers => _workers;

    public static DemoWorkforce Staff(DemoUnitTree tree, Random random)
    {
        var workforce = new DemoWorkforce(random);
        workforce.StaffAll(tree);
        return workforce;
    }

    private void StaffAll(DemoUnitTree tree)
    {
        Hire(WorkerRole.Dispatcher, tree.City, count: 2);
        Hire(WorkerRole.Leader, tree.City, count: 2);
        foreach (var town in tree.Towns)
        {
            Hire(WorkerRole.Dispatcher, town.Unit, count: 1);
            Hire(WorkerRole.Leader, town.Unit, count: 2);
        }

        var grids = tree.Towns.SelectMany(t => t.Grids).ToList();
        foreach (var grid in grids)
        {
            Hire(WorkerRole.GridChief, grid.Unit);
            Hire(WorkerRole.FullTimeGridWorker, grid.Unit);
            Hire(WorkerRole.PartTimeGridWorker, grid.Unit);
        }

        var microGrids = grids.SelectMany(g => g.MicroGrids).ToList();
        foreach (var index in Sample(microGrids.Count, DemoCounty.UnitHeads))
        {
            Hire(WorkerRole.UnitHead, microGrids[index]);
        }
        for (var i = 0; i < DemoCounty.PartyMemberHouseholds; i++)
        {
            Hire(WorkerRole.PartyMemberHousehold, microGrids[_random.Next(microGrids.Count)]);
        }

        HireAcrossGrids(WorkerRole.MobileGridWorker, DemoCounty.MobileGridWorkers, tree.Towns);
        HireAcrossGrids(WorkerRole.SunkOfficer, DemoCounty.SunkOfficers, tree.Towns);
        for (var i = 0; i < DemoCounty.Volunteers; i++)
        {
            Hire(WorkerRole.Volunteer, grids[_random.Next(grids.Count)].Unit);
        }
    }

    /// <summary>People who each serve 2–4 grids of one town (couriers on a route, officers on a beat).</summary>
    private void HireAcrossGrids(WorkerRole role, int count, IReadOnlyList<DemoTown> towns)
    {
        for (var i = 0; i < count; i++)
        {
            var town = towns[_random.Next(towns.Count)];
            var gridCount = Math.Min(_random.Next(2, 5), town.Grids.Count);
            var assignments = Sample(town.Grids.Count, gridCount)
                .Select(g => new UnitAssignment(town.Grids[g].Unit.Code, role))
                .ToList();
            Add(assignments);
        }
    }

    private void Hire(WorkerRole role, UnitDefinition unit, int count = 1)
    {
        for (var i = 0; i < count; i++)
        {
            Add([new UnitAssignment(unit.Code, role)]);
        }
    }

    private void Add(IReadOnlyList<UnitAssignment> assignments)
    {
        var id = "W" + (_workers.Count + 1).ToString("D6", CultureInfo.InvariantCulture);
        _workers.Add(new WorkerDefinition(id, _names.Next(), _phones.Next(), assignments,
            OnDuty: _random.NextDouble() < DemoCounty.OnDutyShare));
    }

    /// <summary><paramref name="take"/> distinct indexes below <paramref name="of"/>, ascending.</summary>
    private int[] Sample(int of, int take)
    {
        var indexes = Enumerable.Range(0, of).ToArray();
        _random.Shuffle(indexes);
        var chosen = indexes[..take];
        Array.Sort(chosen);
        return chosen;
    }
}
