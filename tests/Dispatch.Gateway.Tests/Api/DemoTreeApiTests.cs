using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dispatch.Contracts.Org;
using Dispatch.Gateway.Tests.Support;

namespace Dispatch.Gateway.Tests.Api;

[Collection(DemoCountyCollection.Name)]
public sealed class DemoTreeApiTests(DemoCountyFixture demo)
{
    [Fact]
    public async Task A_city_dispatcher_sees_the_demo_countys_size()
    {
        var client = await demo.App.ClientFor("dispatcher", DemoCountyFixture.Password);

        var counts = await client.GetFromJsonAsync<JsonElement>("/api/units/370983/counts");

        var units = counts.GetProperty("units");
        Assert.Equal(1, units.GetProperty("city").GetInt32());
        Assert.Equal(14, units.GetProperty("town").GetInt32());
        Assert.Equal(775, units.GetProperty("grid").GetInt32());
        Assert.Equal(3544, units.GetProperty("micro_grid").GetInt32());
        Assert.True(counts.GetProperty("workers").GetInt32() >= 5000);
    }

    [Fact]
    public async Task A_unit_lists_its_children_and_members()
    {
        var client = await demo.App.ClientFor("dispatcher", DemoCountyFixture.Password);
        var grid = DemoFacts.Below(DemoFacts.TownCode(3), OrgLevel.Grid).First();

        var unit = await client.GetFromJsonAsync<JsonElement>($"/api/units/{grid.Code}");

        Assert.Equal(grid.Name, unit.GetProperty("name").GetString());
        Assert.Equal("grid", unit.GetProperty("level").GetString());
        var expectedChildren = DemoFacts.Snapshot.Units.Count(u => u.ParentCode == grid.Code);
        Assert.Equal(expectedChildren, unit.GetProperty("children").GetArrayLength());
        var roles = unit.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("role").GetString()).ToList();
        Assert.Contains("grid_chief", roles);
        Assert.Equal("Polygon", unit.GetProperty("boundary").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Workers_under_a_town_filter_by_role_and_duty()
    {
        var town = DemoFacts.TownCode(1);
        var client = await demo.App.ClientFor("dispatcher.t01", DemoCountyFixture.Password);

        var result = await client.GetFromJsonAsync<JsonElement>($"/api/units/{town}/workers?role=grid_chief&onDuty=true");

        var expected = DemoFacts.Snapshot.Workers
            .Where(w => w.OnDuty && w.Assignments.Any(a => a.Role == WorkerRole.GridChief && a.UnitCode.StartsWith(town + "-", StringComparison.Ordinal)))
            .Select(w => w.Id).Order(StringComparer.Ordinal).ToArray();
        var actual = result.GetProperty("workers").EnumerateArray().Select(w => w.GetProperty("workerId").GetString()!).ToArray();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
        Assert.All(result.GetProperty("workers").EnumerateArray(), w => Assert.True(w.GetProperty("onDuty").GetBoolean()));
    }

    [Fact]
    public async Task A_point_inside_a_micro_grid_locates_the_whole_chain()
    {
        var client = await demo.App.ClientFor("dispatcher", DemoCountyFixture.Password);
        var micro = DemoFacts.Below(DemoFacts.TownCode(5), OrgLevel.MicroGrid).First();
        var ring = micro.Boundary!.Ring;
        var lon = ring.Take(ring.Count - 1).Average(p => p.Longitude);
        var lat = ring.Take(ring.Count - 1).Average(p => p.Latitude);

        var located = await client.GetFromJsonAsync<JsonElement>($"/api/locate?lon={lon}&lat={lat}");

        var chain = located.GetProperty("chain").EnumerateArray().Select(u => u.GetProperty("code").GetString()).ToArray();
        Assert.Equal(5, chain.Length);
        Assert.Equal(micro.Code, chain[^1]);
        Assert.Equal(micro.ParentCode, chain[^2]);
    }

    [Fact]
    public async Task A_point_outside_the_county_is_a_404_problem()
    {
        var client = await demo.App.ClientFor("dispatcher", DemoCountyFixture.Password);

        var response = await client.GetAsync("/api/locate?lon=100&lat=20");

        var problem = await Problem.Expect(response, HttpStatusCode.NotFound);
        Assert.Contains("No unit contains", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Each_login_starts_browsing_at_its_own_scope()
    {
        var admin = await demo.App.ClientFor("admin", DemoCountyFixture.Password);
        var town = await demo.App.ClientFor("dispatcher.t04", DemoCountyFixture.Password);

        var adminRoots = await admin.GetFromJsonAsync<JsonElement>("/api/units");
        var townRoots = await town.GetFromJsonAsync<JsonElement>("/api/units");

        Assert.Contains(adminRoots.EnumerateArray(), u => u.GetProperty("code").GetString() == "370983");
        Assert.Equal([DemoFacts.TownCode(4)], townRoots.EnumerateArray().Select(u => u.GetProperty("code").GetString()!).ToArray());
    }

    [Fact]
    public async Task The_web_console_is_served_in_chinese_by_default()
    {
        var page = await demo.App.CreateClient().GetStringAsync("/");

        Assert.Contains("lang=\"zh-CN\"", page);
        Assert.Contains("网格化治理指挥调度", page);
    }
}
