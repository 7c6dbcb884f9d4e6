using System.Net;
using System.Net.Http.Json;
using System.Text;
using Dispatch.Contracts.Org;
using Dispatch.Gateway.Tests.Support;

namespace Dispatch.Gateway.Tests.Api;

[Collection(DemoCountyCollection.Name)]
public sealed class BadInputTests(DemoCountyFixture demo)
{
    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Malformed_json_gets_a_400_problem_that_quotes_the_parser()
    {
        var client = await demo.App.ClientFor("admin", DemoCountyFixture.Password);

        var problem = await Problem.Expect(await client.PostAsync("/api/workers", Json("{\"name\": \"张三\", ")), HttpStatusCode.BadRequest);

        Assert.Equal("Malformed JSON body", problem.GetProperty("title").GetString());
        Assert.Contains("LineNumber", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_names_the_field()
    {
        var client = await demo.App.ClientFor("admin", DemoCountyFixture.Password);

        var problem = await Problem.Expect(await client.PutAsync("/api/workers/W000010/duty", Json("{\"onDuty\": \"yes\"}")), HttpStatusCode.BadRequest);

        Assert.Contains("$.onDuty", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Unknown_ids_get_404_problems_that_name_the_id()
    {
        var client = await demo.App.ClientFor("admin", DemoCountyFixture.Password);

        var unit = await Problem.Expect(await client.GetAsync("/api/units/no-such-unit"), HttpStatusCode.NotFound);
        var worker = await Problem.Expect(await client.GetAsync("/api/workers/W999999"), HttpStatusCode.NotFound);

        Assert.Contains("no-such-unit", unit.GetProperty("detail").GetString());
        Assert.Contains("W999999", worker.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_polygon_that_does_not_close_is_refused_and_nothing_is_saved()
    {
        var client = await demo.App.ClientFor("admin", DemoCountyFixture.Password);
        var grid = DemoFacts.Below(DemoFacts.TownCode(4), OrgLevel.Grid).First();
        var ring = grid.Boundary!.Ring;
        var open = ring.Take(ring.Count - 1).Select(p => new[] { p.Longitude, p.Latitude }).ToArray();

        var response = await client.PutAsJsonAsync("/api/units/test-open-ring", new
        {
            name = "未闭合", level = "micro_grid", parentCode = grid.Code,
            boundary = new { type = "Polygon", coordinates = new[] { open } },
        });

        var problem = await Problem.Expect(response, HttpStatusCode.BadRequest);
        Assert.True(problem.TryGetProperty("errors", out var errors), problem.Text());
        Assert.Contains("not closed", errors.GetProperty("boundary")[0].GetString());
        await Problem.Expect(await client.GetAsync("/api/units/test-open-ring"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_child_outside_its_parent_is_refused()
    {
        var client = await demo.App.ClientFor("admin", DemoCountyFixture.Password);
        var grid = DemoFacts.Below(DemoFacts.TownCode(4), OrgLevel.Grid).First();
        double[][] farAway = [[100, 20], [100.1, 20], [100.1, 20.1], [100, 20.1], [100, 20]];

        var response = await client.PutAsJsonAsync("/api/units/test-outside", new
        {
            name = "界外", level = "micro_grid", parentCode = grid.Code,
            boundary = new { type = "Polygon", coordinates = new[] { farAway } },
        });

        var problem = await Problem.Expect(response, HttpStatusCode.BadRequest);
        Assert.Contains("not within the parent", problem.Text());
        await Problem.Expect(await client.GetAsync("/api/units/test-outside"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_level_that_skips_a_step_is_refused()
    {
        var client = await demo.App.ClientFor("admin", DemoCountyFixture.Password);

        var response = await client.PutAsJsonAsync("/api/units/test-skip", new { name = "跳级", level = "grid", parentCode = DemoFacts.TownCode(4) });

        var problem = await Problem.Expect(response, HttpStatusCode.BadRequest);
        Assert.Contains("exactly one level below", problem.GetProperty("detail").GetString());
        await Problem.Expect(await client.GetAsync("/api/units/test-skip"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_worker_with_an_unknown_role_or_unit_is_refused_field_by_field()
    {
        var client = await demo.App.ClientFor("admin", DemoCountyFixture.Password);

        var badRole = await client.PostAsJsonAsync("/api/workers", new
        {
            id = "T-bad-role", name = "李四", phone = "13900000002",
            assignments = new[] { new { unitCode = DemoFacts.TownCode(1), role = "astronaut" } },
        });
        var badUnit = await client.PostAsJsonAsync("/api/workers", new
        {
            id = "T-bad-unit", name = "王五", phone = "13900000003",
            assignments = new[] { new { unitCode = "nowhere", role = "volunteer" } },
        });

        var roleProblem = await Problem.Expect(badRole, HttpStatusCode.BadRequest);
        Assert.Contains("astronaut", roleProblem.GetProperty("errors").GetProperty("assignments[0].role")[0].GetString());
        var unitProblem = await Problem.Expect(badUnit, HttpStatusCode.BadRequest);
        Assert.Contains("nowhere", unitProblem.GetProperty("errors").GetProperty("assignments")[0].GetString());
        await Problem.Expect(await client.GetAsync("/api/workers/T-bad-role"), HttpStatusCode.NotFound);
        await Problem.Expect(await client.GetAsync("/api/workers/T-bad-unit"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_unknown_role_filter_is_a_400_listing_the_known_roles()
    {
        var client = await demo.App.ClientFor("admin", DemoCountyFixture.Password);

        var problem = await Problem.Expect(await client.GetAsync("/api/units/370983/workers?role=wizard"), HttpStatusCode.BadRequest);

        Assert.Contains("grid_chief", problem.GetProperty("detail").GetString());
    }
}
