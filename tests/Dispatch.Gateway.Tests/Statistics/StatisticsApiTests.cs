using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dispatch.Gateway.Tests.Notices;
using Dispatch.Gateway.Tests.Realtime;
using Dispatch.Gateway.Tests.Support;
using Dispatch.Gateway.Tests.Tasks;
using Microsoft.AspNetCore.Hosting;

namespace Dispatch.Gateway.Tests.Statistics;

/// <summary>A gateway whose "test_fast" category gives a grid 3 seconds, so a deadline can be missed in a test.</summary>
public sealed class FastDeadlineAppFactory() : DispatchAppFactory(demoData: false)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Dispatch:Tasks:Categories:test_fast:Name", "测试快速");
        builder.UseSetting("Dispatch:Tasks:Categories:test_fast:Grid", "00:00:03");
        builder.UseSetting("Dispatch:Tasks:Categories:test_fast:Community", "01:00:00");
        builder.UseSetting("Dispatch:Tasks:Categories:test_fast:Town", "01:00:00");
        builder.UseSetting("Dispatch:Tasks:Categories:test_fast:City", "01:00:00");
    }
}

/// <summary>
/// A seeded scenario and its hand-computed figures. Six tasks in the town:
/// <code>
///  A  G1  verify, assign G1, accept, resolve, rate 5, close        closed       grid, on time
///  B  G2  verify, assign G2, reject→community, escalate→town,
///         leader accepts, resolves, rate 3                          supervision  town, on time
///  C  G1  verify, assign G1, accept                                 handling
///  D  G2  reported only                                             collection
///  E  G1  verify, dismiss                                           closed       (not resolved)
///  F  G1  test_fast: assign G1, accept, grid deadline missed →
///         community, escalate→town, leader accepts, resolves, rate 1 supervision town, late
/// </code>
/// Town: 6 tasks; resolved A B F; on time 2/3; by level grid 1/3, town 2/3; ratings 5 3 1 → mean 3, satisfied 1/3.
/// Grid G1: A C E F; resolved A F; on time 1/2; grid 1/2, town 1/2; ratings 5 1 → mean 3, satisfied 1/2.
/// One notice to the town's grid workers, confirmed by w1 only: town 1/2, G1 1/1, G2 0/1.
/// </summary>
public sealed class StatisticsApiTests : IAsyncLifetime
{
    private readonly FastDeadlineAppFactory _app = new();
    private TaskCounty _county = null!;

    public async Task InitializeAsync()
    {
        await _app.WaitUntilReady(TimeSpan.FromMinutes(2));
        _county = await TaskCounty.Create(await _app.ClientFor("admin", DispatchAppFactory.AdminPassword), "st");
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_statistics_of_a_seeded_scenario_are_the_hand_computed_figures()
    {
        var w1 = await _app.ClientFor(TaskCounty.Worker1Login, TaskCounty.Password);
        var w2 = await _app.ClientFor(TaskCounty.Worker2Login, TaskCounty.Password);
        var leader = await _app.ClientFor(TaskCounty.LeaderLogin, TaskCounty.Password);
        var disp = await _app.ClientFor(TaskCounty.DispatcherLogin, TaskCounty.Password);
        async Task<string> Report(HttpClient c, (double, double) place, string category = "fire_lane") =>
            (await TasksApiTests.Report(c, place, category)).GetProperty("id").GetString()!;
        async Task Do(HttpClient c, string id, object body)
        {
            var r = await TasksApiTests.Act(c, id, body);
            Assert.True(r.IsSuccessStatusCode, $"{id} {JsonSerializer.Serialize(body)}: {await r.Content.ReadAsStringAsync()}");
        }
        var verify = new { action = "verify" };

        var a = await Report(w1, TaskCounty.InGrid1);
        await Do(disp, a, verify); await Do(disp, a, new { action = "assign", unitCode = _county.Grid1 }); await Do(w1, a, new { action = "accept" });
        await Do(w1, a, new { action = "resolve" }); await Do(disp, a, new { action = "rate", satisfaction = 5 }); await Do(disp, a, new { action = "close" });

        var b = await Report(w2, TaskCounty.InGrid2);
        await Do(disp, b, verify); await Do(disp, b, new { action = "assign", unitCode = _county.Grid2 }); await Do(w2, b, new { action = "reject", note = "非本网格能办" });
        await Do(disp, b, new { action = "escalate" }); await Do(leader, b, new { action = "accept" }); await Do(leader, b, new { action = "resolve" });
        await Do(disp, b, new { action = "rate", satisfaction = 3 });

        var c = await Report(w1, TaskCounty.InGrid1);
        await Do(disp, c, verify); await Do(disp, c, new { action = "assign", unitCode = _county.Grid1 }); await Do(w1, c, new { action = "accept" });

        await Report(w2, TaskCounty.InGrid2);

        var e = await Report(w1, TaskCounty.InGrid1);
        await Do(disp, e, verify); await Do(disp, e, new { action = "dismiss", note = "重复上报" });

        var f = await Report(w1, TaskCounty.InGrid1, "test_fast");
        await Do(disp, f, verify); await Do(disp, f, new { action = "assign", unitCode = _county.Grid1 }); await Do(w1, f, new { action = "accept" });
        await Poll.Until(() => disp.GetFromJsonAsync<JsonElement>($"/api/tasks/{f}"), t => t.GetProperty("assignedUnitCode").GetString() == _county.Community,
            TimeSpan.FromSeconds(60), "the missed grid deadline to escalate task F");
        await Do(disp, f, new { action = "escalate" }); await Do(leader, f, new { action = "accept" }); await Do(leader, f, new { action = "resolve" });
        await Do(disp, f, new { action = "rate", satisfaction = 1 });

        await using (var hubW1 = await HubClients.LoggedIn(_app, TaskCounty.Worker1Login))
        {
            await hubW1.ConnectAsync();
            await NoticesApiTests.Send(disp, new { title = "统计通知", unitCodes = new[] { _county.Town }, roles = new[] { "full_time_grid_worker" } });
            await NoticesApiTests.Confirm(hubW1, "统计通知");
        }
        await Poll.Until(() => disp.GetFromJsonAsync<JsonElement>($"/api/stats/units/{_county.Town}"), s => s.GetProperty("notices").GetProperty("confirmed").GetInt32() == 1,
            TimeSpan.FromSeconds(30), "the confirmation to reach the notice");

        var town = await leader.GetFromJsonAsync<JsonElement>($"/api/stats/units/{_county.Town}");
        var tasks = town.GetProperty("tasks");
        Assert.Equal(6, tasks.GetProperty("total").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["collection"] = 1, ["discovery"] = 0, ["assignment"] = 0, ["handling"] = 1, ["feedback"] = 0, ["supervision"] = 2, ["closed"] = 2 },
            tasks.GetProperty("byStage").Deserialize<Dictionary<string, int>>());
        Assert.Equal(3, tasks.GetProperty("resolved").GetInt32());
        Assert.Equal(0.6667, tasks.GetProperty("onTimeRate").GetDouble());
        Assert.Equal(new Dictionary<string, double> { ["grid"] = 0.3333, ["community"] = 0, ["town"] = 0.6667, ["city"] = 0 },
            tasks.GetProperty("resolvedShareByLevel").Deserialize<Dictionary<string, double>>());
        Assert.Equal(3, tasks.GetProperty("rated").GetInt32());
        Assert.Equal(3.0, tasks.GetProperty("averageSatisfaction").GetDouble());
        Assert.Equal(0.3333, tasks.GetProperty("satisfiedShare").GetDouble());
        var notices = town.GetProperty("notices");
        Assert.Equal((1, 2, 1, 0.5), (notices.GetProperty("notices").GetInt32(), notices.GetProperty("recipients").GetInt32(),
            notices.GetProperty("confirmed").GetInt32(), notices.GetProperty("awarenessRate").GetDouble()));

        var grid1 = (await leader.GetFromJsonAsync<JsonElement>($"/api/stats/units/{_county.Grid1}"));
        var g = grid1.GetProperty("tasks");
        Assert.Equal((4, 2, 0.5, 3.0, 0.5), (g.GetProperty("total").GetInt32(), g.GetProperty("resolved").GetInt32(), g.GetProperty("onTimeRate").GetDouble(),
            g.GetProperty("averageSatisfaction").GetDouble(), g.GetProperty("satisfiedShare").GetDouble()));
        Assert.Equal(0.5, g.GetProperty("resolvedShareByLevel").GetProperty("town").GetDouble());
        Assert.Equal(1.0, grid1.GetProperty("notices").GetProperty("awarenessRate").GetDouble());

        var later = await leader.GetFromJsonAsync<JsonElement>($"/api/stats/units/{_county.Town}?from={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("O"))}&to={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(2).ToString("O"))}");
        Assert.Equal(0, later.GetProperty("tasks").GetProperty("total").GetInt32());
        await Problem.Expect(await w1.GetAsync($"/api/stats/units/{_county.Town}"), HttpStatusCode.Forbidden);
    }
}
