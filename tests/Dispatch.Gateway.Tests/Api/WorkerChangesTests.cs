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

    [Fact]
    public async Task A_worker_moved_out_of_a_dispatchers_town_is_refused_by_the_very_next_send_to_it()
    {
        var grid = DemoFacts.Below(DemoFacts.TownCode(2), OrgLevel.Grid).First().Code;
        var elsewhere = DemoFacts.Below(DemoFacts.TownCode(5), OrgLevel.Grid).First().Code;
        var admin = await demo.App.ClientFor("admin", DemoCountyFixture.Password);
        var dispatcher = await demo.App.ClientFor("dispatcher.t02", DemoCountyFixture.Password);
        object Body(string unit) => new { id = "T-moved-out", name = "周八", phone = "13900000012", onDuty = true, assignments = new[] { new { unitCode = unit, role = "volunteer" } } };
        object Push() => new { workerIds = new[] { "T-moved-out" }, title = "巡查通知", body = "b", kind = "notice" };

        (await admin.PostAsJsonAsync("/api/workers", Body(grid))).EnsureSuccessStatusCode();
        var before = await dispatcher.PostAsJsonAsync("/api/pushes", Push());
        (await admin.PutAsJsonAsync("/api/workers/T-moved-out", Body(elsewhere))).EnsureSuccessStatusCode();
        var after = await dispatcher.PostAsJsonAsync("/api/pushes", Push());

        // The gateway keeps worker views and unit paths for bulk sends while the org is unchanged; the move marks a change.
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, after.StatusCode);
    }
}
