using Dispatch.Contracts.Org;
using Dispatch.Silo.Grid;
using Dispatch.Silo.Grid.Demo;

namespace Dispatch.Silo.Tests.Grid.Demo;

public class DemoWorkforceTests
{
    private static IReadOnlyList<WorkerDefinition> Workers => DemoSnapshot.Value.Workers;

    private static int People(WorkerRole role) => Workers.Count(w => w.Assignments.Any(a => a.Role == role));

    private static IEnumerable<(WorkerDefinition Worker, UnitAssignment Assignment)> Assignments(WorkerRole role) =>
        Workers.SelectMany(w => w.Assignments.Where(a => a.Role == role).Select(a => (w, a)));

    [Fact]
    public void There_are_between_5000_and_6500_workers_with_sequential_ids()
    {
        Assert.InRange(Workers.Count, 5_000, 6_500);
        Assert.Equal("W000001", Workers[0].Id);
        Assert.Equal(Enumerable.Range(1, Workers.Count).Select(i => $"W{i:D6}"), Workers.Select(w => w.Id));
    }

    [Theory]
    [InlineData(WorkerRole.GridChief)]
    [InlineData(WorkerRole.FullTimeGridWorker)]
    [InlineData(WorkerRole.PartTimeGridWorker)]
    public void Every_grid_has_exactly_one_of_each_of_the_1_plus_2(WorkerRole role)
    {
        var grids = DemoSnapshot.Value.Units.Where(u => u.Level == OrgLevel.Grid).Select(u => u.Code).Order().ToList();
        Assert.Equal(grids, Assignments(role).Select(x => x.Assignment.UnitCode).Order().ToList());
    }

    [Fact]
    public void The_N_has_the_planned_mix()
    {
        Assert.Equal(DemoCounty.UnitHeads, People(WorkerRole.UnitHead));
        Assert.Equal(DemoCounty.PartyMemberHouseholds, People(WorkerRole.PartyMemberHousehold));
        Assert.Equal(DemoCounty.MobileGridWorkers, People(WorkerRole.MobileGridWorker));
        Assert.Equal(DemoCounty.SunkOfficers, People(WorkerRole.SunkOfficer));
        Assert.Equal(DemoCounty.Volunteers, People(WorkerRole.Volunteer));
    }

    [Fact]
    public void Unit_heads_sit_on_about_half_the_micro_grids_one_each()
    {
        var microGrids = DemoSnapshot.Value.Units.Where(u => u.Level == OrgLevel.MicroGrid).Select(u => u.Code).ToHashSet();
        var headed = Assignments(WorkerRole.UnitHead).Select(x => x.Assignment.UnitCode).ToList();

        Assert.All(headed, code => Assert.Contains(code, microGrids));
        Assert.Equal(headed.Count, headed.Distinct().Count());
        Assert.InRange(headed.Count, microGrids.Count * 0.45, microGrids.Count * 0.55);
    }

    [Theory]
    [InlineData(WorkerRole.MobileGridWorker)]
    [InlineData(WorkerRole.SunkOfficer)]
    public void Mobile_workers_and_sunk_officers_serve_two_to_four_grids_of_one_town(WorkerRole role)
    {
        var units = DemoSnapshot.Value.Units.ToDictionary(u => u.Code);
        foreach (var worker in Workers.Where(w => w.Assignments.Any(a => a.Role == role)))
        {
            Assert.InRange(worker.Assignments.Count, 2, 4);
            Assert.All(worker.Assignments, a => Assert.Equal(OrgLevel.Grid, units[a.UnitCode].Level));
            Assert.Single(worker.Assignments.Select(a => a.UnitCode[..9]).Distinct());
            Assert.Equal(worker.Assignments.Count, worker.Assignments.Select(a => a.UnitCode).Distinct().Count());
        }
    }

    [Fact]
    public void Each_town_has_one_dispatcher_and_two_leaders_and_the_city_two_of_each()
    {
        foreach (var unit in DemoSnapshot.Value.Units.Where(u => u.Level <= OrgLevel.Town))
        {
            var expectedDispatchers = unit.Level == OrgLevel.City ? 2 : 1;
            Assert.Equal(expectedDispatchers, Assignments(WorkerRole.Dispatcher).Count(x => x.Assignment.UnitCode == unit.Code));
            Assert.Equal(2, Assignments(WorkerRole.Leader).Count(x => x.Assignment.UnitCode == unit.Code));
        }
        Assert.Equal(14 + 2, People(WorkerRole.Dispatcher));
    }

    [Fact]
    public void About_seventy_percent_are_on_duty()
    {
        Assert.InRange(Workers.Count(w => w.OnDuty) / (double)Workers.Count, 0.66, 0.74);
    }

    [Fact]
    public void Names_are_two_or_three_chinese_characters()
    {
        Assert.All(Workers, w =>
        {
            Assert.True(Cjk.IsChinese(w.Name), w.Name);
            Assert.InRange(w.Name.Length, 2, 3);
        });
    }

    [Fact]
    public void Phones_are_unique_11_digit_mobile_numbers()
    {
        Assert.All(Workers, w => Assert.Matches("^1[358][0-9]{9}$", w.Phone));
        Assert.Equal(Workers.Count, Workers.Select(w => w.Phone).Distinct().Count());
    }

    [Fact]
    public void Named_logins_point_at_the_right_people()
    {
        var logins = DemoSnapshot.Value.Logins.ToDictionary(l => l.LoginName);
        var workers = Workers.ToDictionary(w => w.Id);
        bool Holds(DemoLogin login, string unit, WorkerRole role) =>
            workers[login.WorkerId!].Assignments.Contains(new UnitAssignment(unit, role));

        Assert.Equal(new DemoLogin("admin", null, true), logins["admin"]);
        Assert.Equal("W000001", logins["dispatcher"].WorkerId);
        Assert.True(Holds(logins["leader"], "370983", WorkerRole.Leader));
        for (var t = 1; t <= 14; t++)
        {
            Assert.True(Holds(logins[$"dispatcher.t{t:D2}"], $"370983-{t:D2}", WorkerRole.Dispatcher));
            Assert.True(Holds(logins[$"leader.t{t:D2}"], $"370983-{t:D2}", WorkerRole.Leader));
        }
        Assert.Equal(1 + 2 + 28, logins.Count);
        Assert.All(logins.Values.Where(l => !l.IsAdmin), l => Assert.False(l.IsAdmin));
    }

    [Fact]
    public void Grid_chiefs_and_full_time_workers_each_have_one_desk_phone_registered_by_their_number()
    {
        var snapshot = DemoSnapshot.Value;
        var expected = Workers
            .Where(w => w.Assignments.Any(a => a.Role is WorkerRole.GridChief or WorkerRole.FullTimeGridWorker))
            .ToList();

        Assert.Equal(expected.Select(w => w.Id).Order(), snapshot.SipDevices.Keys.Order());
        foreach (var worker in expected)
        {
            var device = Assert.Single(snapshot.SipDevices[worker.Id]);
            var password = DemoSipDevices.DemoSipPassword(worker.Id);
            Assert.Equal(DigestHa1.Credential("desk-1", worker.Phone, password), device);
        }
    }

    [Fact]
    public void Demo_sip_passwords_are_fixed_per_worker_and_differ_between_workers()
    {
        Assert.Equal(DemoSipDevices.DemoSipPassword("W000005"), DemoSipDevices.DemoSipPassword("W000005"));
        Assert.NotEqual(DemoSipDevices.DemoSipPassword("W000005"), DemoSipDevices.DemoSipPassword("W000006"));
        Assert.Matches("^[0-9a-f]{12}$", DemoSipDevices.DemoSipPassword("W000005"));
    }
}
