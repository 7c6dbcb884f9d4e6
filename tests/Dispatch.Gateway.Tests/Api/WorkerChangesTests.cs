using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dispatch.Contracts.Org;
using Dispatch.Gateway.Tests.Support;

namespace Dispatch.Gateway.Tests.Api;

[Collection(DemoCountyCollection.Name)]
public sealed class WorkerChangesTests(DemoCountyFixture demo)
{
    [Fact]
    public async Task A_new_worker_appears_in_the_subtree_query_and_can_log_in()
    {
        var town = DemoFacts.TownCode(9);
        var grid = DemoFacts.Below(town, OrgLevel.Grid).First().Code;
        var client = await demo.App.ClientFor("dispatcher.t09", DemoCountyFixture.Password);

        var created = await client.PostAsJsonAsync("/api/workers", new
        {
            id = "T-new-volunteer", name = "赵六", phone = "13900000009", onDuty = true, password = "volunteer-pass",
            assignments = new[] { new { unitCode = grid, role = "volunteer" } },
        });
        var found = await client.GetFromJsonAsync<JsonElement>($"/api/units/{town}/workers?role=volunteer&onDuty=true");
        var login = await demo.App.ClientFor("13900000009", "volunteer-pass");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Contains(found.GetProperty("workers").EnumerateArray(), w => w.GetProperty("workerId").GetString() == "T-new-volunteer");
        Assert.Equal(HttpStatusCode.OK, (await login.GetAsync("/api/workers/T-new-volunteer")).StatusCode);
    }

    [Fact]
    public async Task Moving_a_worker_to_another_unit_removes_it_from_the_old_one()
    {
        var town = DemoFacts.TownCode(10);
        var grids = DemoFacts.Below(town, OrgLevel.Grid).Take(2).Select(g => g.Code).ToArray();
        var client = await demo.App.ClientFor("dispatcher.t10", DemoCountyFixture.Password);
        object Body(string unit) => new { id = "T-mover", name = "孙七", phone = "13900000010", onDuty = true, assignments = new[] { new { unitCode = unit, role = "mobile_grid_worker" } } };

        (await client.PostAsJsonAsync("/api/workers", Body(grids[0]))).EnsureSuccessStatusCode();
        (await client.PutAsJsonAsync("/api/workers/T-mover", Body(grids[1]))).EnsureSuccessStatusCode();

        var oldGrid = await client.GetFromJsonAsync<JsonElement>($"/api/units/{grids[0]}");
        var newGrid = await client.GetFromJsonAsync<JsonElement>($"/api/units/{grids[1]}");
        Assert.DoesNotContain(oldGrid.GetProperty("members").EnumerateArray(), m => m.GetProperty("workerId").GetString() == "T-mover");
        Assert.Contains(newGrid.GetProperty("members").EnumerateArray(), m => m.GetProperty("workerId").GetString() == "T-mover");
    }

    [Fact]
    public async Task Sip_devices_are_kept_as_hashes_and_bad_ones_are_refused_field_by_field()
    {
        var worker = DemoFacts.WorkerUnder(DemoFacts.TownCode(11), WorkerRole.PartTimeGridWorker);
        var client = await demo.App.ClientFor("dispatcher.t11", DemoCountyFixture.Password);

        var saved = await client.PutAsJsonAsync($"/api/workers/{worker.Id}/sip-devices", new[]
        {
            new { deviceId = "desk-1", username = "sip-" + worker.Phone, password = "desk-password-1" },
            new { deviceId = "radio-1", username = "radio-" + worker.Phone, password = "radio-password-1" },
        });
        var refused = await client.PutAsJsonAsync($"/api/workers/{worker.Id}/sip-devices", new[] { new { deviceId = "", username = "a b", password = "short" } });

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var body = await saved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, body.GetProperty("sipUsernames").GetArrayLength());
        Assert.DoesNotContain("desk-password-1", body.ToString());
        var problem = await Problem.Expect(refused, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("[0].deviceId", out _) && errors.TryGetProperty("[0].username", out _) && errors.TryGetProperty("[0].password", out _), problem.Text());
        var after = await client.GetFromJsonAsync<JsonElement>($"/api/workers/{worker.Id}");
        Assert.Equal(2, after.GetProperty("sipUsernames").GetArrayLength());
    }
}
