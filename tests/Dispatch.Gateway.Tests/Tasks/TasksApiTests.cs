using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dispatch.Gateway.Tests.Support;

namespace Dispatch.Gateway.Tests.Tasks;

/// <summary>/api/tasks over HTTP: scope by grid and town, refusals as problems that change nothing.</summary>
public sealed class TasksApiTests(TaskCountyFixture fixture) : IClassFixture<TaskCountyFixture>
{
    private TaskCounty County => fixture.County;

    internal static async Task<JsonElement> Report(HttpClient client, (double Lon, double Lat) place, string category = "fire_lane")
    {
        var response = await client.PostAsJsonAsync("/api/tasks", new
        {
            source = "worker_report", category, title = "消防通道被占", description = "三号楼北侧", longitude = place.Lon, latitude = place.Lat,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    internal static Task<HttpResponseMessage> Act(HttpClient client, string id, object body) =>
        client.PostAsJsonAsync($"/api/tasks/{id}/actions", body);

    private static async Task<string[]> ListedIds(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement[]>("/api/tasks"))!.Select(t => t.GetProperty("id").GetString()!).ToArray();

    [Fact]
    public async Task A_grid_worker_can_neither_see_nor_act_on_another_grids_task_and_the_town_leader_sees_both()
    {
        var worker1 = await fixture.As(TaskCounty.Worker1Login);
        var worker2 = await fixture.As(TaskCounty.Worker2Login);
        var leader = await fixture.As(TaskCounty.LeaderLogin);
        var inGrid1 = (await Report(worker1, TaskCounty.InGrid1)).GetProperty("id").GetString()!;
        var inGrid2 = (await Report(worker2, TaskCounty.InGrid2)).GetProperty("id").GetString()!;

        Assert.Contains(inGrid1, await ListedIds(worker1));
        Assert.DoesNotContain(inGrid2, await ListedIds(worker1));
        Assert.DoesNotContain(inGrid1, await ListedIds(worker2));
        await Problem.Expect(await worker2.GetAsync($"/api/tasks/{inGrid1}"), HttpStatusCode.Forbidden);
        await Problem.Expect(await Act(worker2, inGrid1, new { action = "accept" }), HttpStatusCode.Forbidden);
        await Problem.Expect(await worker2.GetAsync($"/api/tasks?unit={County.Grid1}"), HttpStatusCode.Forbidden);

        var leaderSees = await ListedIds(leader);
        Assert.Contains(inGrid1, leaderSees);
        Assert.Contains(inGrid2, leaderSees);
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync($"/api/tasks/{inGrid1}")).StatusCode);
        var townList = (await leader.GetFromJsonAsync<JsonElement[]>($"/api/tasks?unit={County.Town}"))!.Select(t => t.GetProperty("id").GetString()).ToArray();
        Assert.Contains(inGrid2, townList);
    }

    [Fact]
    public async Task A_grid_worker_cannot_report_into_another_grid_and_nothing_is_created()
    {
        var worker2 = await fixture.As(TaskCounty.Worker2Login);
        var leader = await fixture.As(TaskCounty.LeaderLogin);
        var before = await ListedIds(leader);

        var problem = await Problem.Expect(await worker2.PostAsJsonAsync("/api/tasks", new
        {
            source = "worker_report", category = "fire_lane", title = "越界上报", longitude = TaskCounty.InGrid1.Lon, latitude = TaskCounty.InGrid1.Lat,
        }), HttpStatusCode.Forbidden);

        Assert.Contains(County.Grid1, problem.Text());
        Assert.Equal(before, await ListedIds(leader));
    }

    [Fact]
    public async Task An_unknown_category_is_a_400_naming_it_and_creates_nothing()
    {
        var worker1 = await fixture.As(TaskCounty.Worker1Login);
        var before = await ListedIds(worker1);

        var problem = await Problem.Expect(await worker1.PostAsJsonAsync("/api/tasks", new
        {
            category = "flying_saucer", title = "不明物体", longitude = TaskCounty.InGrid1.Lon, latitude = TaskCounty.InGrid1.Lat,
        }), HttpStatusCode.BadRequest);

        Assert.Contains("Unknown category 'flying_saucer'", problem.GetProperty("errors").GetProperty("category")[0].GetString());
        Assert.Equal(before, await ListedIds(worker1));
    }

    [Fact]
    public async Task A_transition_out_of_order_is_a_409_with_the_reason_and_the_task_is_unchanged()
    {
        var worker1 = await fixture.As(TaskCounty.Worker1Login);
        var task = await Report(worker1, TaskCounty.InGrid1);
        var id = task.GetProperty("id").GetString()!;

        var problem = await Problem.Expect(await Act(worker1, id, new { action = "resolve" }), HttpStatusCode.Conflict);
        var unknown = await Problem.Expect(await Act(worker1, id, new { action = "teleport" }), HttpStatusCode.BadRequest);

        Assert.Contains("'Resolve' is not allowed in stage 'Collection'", problem.GetProperty("detail").GetString());
        Assert.Equal("collection", problem.GetProperty("stage").GetString());
        Assert.Contains("'action' (one of verify", unknown.GetProperty("detail").GetString());
        var after = await worker1.GetFromJsonAsync<JsonElement>($"/api/tasks/{id}");
        Assert.Equal("collection", after.GetProperty("stage").GetString());
        Assert.Equal(task.GetProperty("history").GetArrayLength(), after.GetProperty("history").GetArrayLength());
    }

    [Fact]
    public async Task The_closed_loop_runs_over_rest_with_zh_CN_labels_and_a_full_history()
    {
        var worker1 = await fixture.As(TaskCounty.Worker1Login);
        var dispatcher = await fixture.As(TaskCounty.DispatcherLogin);
        var id = (await Report(worker1, TaskCounty.InGrid1)).GetProperty("id").GetString()!;

        foreach (var (client, body) in new (HttpClient, object)[]
        {
            (dispatcher, new { action = "verify" }),
            (dispatcher, new { action = "assign", unitCode = County.Grid1 }),
            (worker1, new { action = "accept" }),
            (worker1, new { action = "resolve", note = "车辆已挪走" }),
            (dispatcher, new { action = "rate", satisfaction = 5 }),
            (dispatcher, new { action = "close" }),
        })
        {
            var response = await Act(client, id, body);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        var done = await dispatcher.GetFromJsonAsync<JsonElement>($"/api/tasks/{id}");
        Assert.Equal("closed", done.GetProperty("stage").GetString());
        Assert.Equal("已办结", done.GetProperty("stageName").GetString());
        Assert.Equal("消防通道堵塞", done.GetProperty("categoryName").GetString());
        Assert.Equal("grid", done.GetProperty("resolvedLevel").GetString());
        Assert.True(done.GetProperty("resolvedOnTime").GetBoolean());
        var steps = done.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("what").GetString()!).ToArray();
        Assert.Equal(["Create", "Verify", "Assign", "Push", "Accept", "Resolve", "Rate", "Close"], steps);
    }
}
