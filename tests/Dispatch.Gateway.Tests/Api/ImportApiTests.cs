using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dispatch.Gateway.Tests.Support;

namespace Dispatch.Gateway.Tests.Api;

/// <summary>Import through the API on an empty single node: all or nothing, and again means update.</summary>
public sealed class ImportApiTests : IAsyncLifetime
{
    private readonly DispatchAppFactory _app = new(demoData: false);

    private const string Units = """
        code,name,level,parent_code,service_station_address,qr_token
        X,导入市,city,,,
        X-01,一镇,town,X,,
        X-01-01,一社区,community,X-01,,
        X-01-01-001,一网格,grid,X-01-01,一号楼门卫室,QRX0101001AAAAAA
        """;

    private static string Boundaries(string gridRing = "[[117.02,36.02],[117.04,36.02],[117.04,36.04],[117.02,36.04],[117.02,36.02]]") => $$$"""
        {"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"code":"X"},"geometry":{"type":"Polygon","coordinates":[[[117.0,36.0],[117.1,36.0],[117.1,36.1],[117.0,36.1],[117.0,36.0]]]}},
          {"type":"Feature","properties":{"code":"X-01"},"geometry":{"type":"Polygon","coordinates":[[[117.0,36.0],[117.05,36.0],[117.05,36.05],[117.0,36.05],[117.0,36.0]]]}},
          {"type":"Feature","properties":{"code":"X-01-01"},"geometry":{"type":"Polygon","coordinates":[[[117.01,36.01],[117.045,36.01],[117.045,36.045],[117.01,36.045],[117.01,36.01]]]}},
          {"type":"Feature","properties":{"code":"X-01-01-001"},"geometry":{"type":"Polygon","coordinates":[{{{gridRing}}}]}}
        ]}
        """;

    private const string Workers = """
        id,name,phone,on_duty,assignments
        IW1,钱一,13800000001,true,X-01-01-001:grid_chief
        IW2,钱二,13800000002,false,X-01-01-001:full_time_grid_worker;X-01:volunteer
        """;

    public Task InitializeAsync() => _app.WaitUntilReady(TimeSpan.FromSeconds(60));

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    private static MultipartFormDataContent Files(string? units, string? boundaries, string? workers)
    {
        var form = new MultipartFormDataContent();
        void Add(string name, string? text, string file)
        {
            if (text is not null)
            {
                form.Add(new StringContent(text, Encoding.UTF8, "text/plain"), name, file);
            }
        }
        Add("units", units, "units.csv");
        Add("boundaries", boundaries, "boundaries.geojson");
        Add("workers", workers, "workers.csv");
        return form;
    }

    [Fact]
    public async Task An_import_creates_the_tree_and_importing_again_updates_without_duplicates()
    {
        var admin = await _app.ClientFor("admin", DispatchAppFactory.AdminPassword);

        var first = await admin.PostAsync("/api/import", Files(Units, Boundaries(), Workers));
        var second = await admin.PostAsync("/api/import", Files(Units.Replace("一网格", "一网格(调整)"), Boundaries(), Workers.Replace("false", "true")));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var counts = await admin.GetFromJsonAsync<JsonElement>("/api/units/X/counts");
        Assert.Equal(1, counts.GetProperty("units").GetProperty("grid").GetInt32());
        Assert.Equal(2, counts.GetProperty("workers").GetInt32());
        Assert.Equal(2, counts.GetProperty("onDutyWorkers").GetInt32());
        var grid = await admin.GetFromJsonAsync<JsonElement>("/api/units/X-01-01-001");
        Assert.Equal("一网格(调整)", grid.GetProperty("name").GetString());
        Assert.Equal(2, grid.GetProperty("members").GetArrayLength());
    }

    [Fact]
    public async Task A_child_outside_its_parent_fails_the_whole_import_and_changes_nothing()
    {
        var admin = await _app.ClientFor("admin", DispatchAppFactory.AdminPassword);
        var outside = "[[118.0,37.0],[118.1,37.0],[118.1,37.1],[118.0,37.1],[118.0,37.0]]";

        var response = await admin.PostAsync("/api/import", Files(Units.Replace("X", "Y"), Boundaries(outside).Replace("\"X", "\"Y"), Workers.Replace("X", "Y").Replace("IW", "YW")));

        var problem = await Problem.Expect(response, HttpStatusCode.UnprocessableEntity);
        var messages = problem.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("message").GetString()).ToArray();
        Assert.Contains(messages, m => m!.Contains("Y-01-01-001") && m.Contains("within"));
        await Problem.Expect(await admin.GetAsync("/api/units/Y"), HttpStatusCode.NotFound);
        await Problem.Expect(await admin.GetAsync("/api/units/Y-01"), HttpStatusCode.NotFound);
        await Problem.Expect(await admin.GetAsync("/api/workers/YW1"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_unclosed_ring_and_an_unknown_role_are_each_reported_with_their_place()
    {
        var admin = await _app.ClientFor("admin", DispatchAppFactory.AdminPassword);
        var open = "[[117.02,36.02],[117.04,36.02],[117.04,36.04],[117.02,36.04]]";

        var response = await admin.PostAsync("/api/import", Files(Units.Replace("X", "Z"), Boundaries(open).Replace("\"X", "\"Z"), Workers.Replace("X", "Z").Replace("grid_chief", "captain")));

        var problem = await Problem.Expect(response, HttpStatusCode.UnprocessableEntity);
        var messages = problem.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("message").GetString()!).ToArray();
        Assert.Contains(messages, m => m.StartsWith("boundaries.geojson feature 3", StringComparison.Ordinal) && m.Contains("not closed"));
        Assert.Contains(messages, m => m.StartsWith("workers.csv line 2", StringComparison.Ordinal) && m.Contains("captain"));
        await Problem.Expect(await admin.GetAsync("/api/units/Z"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Only_administrators_may_import()
    {
        var anonymous = await _app.CreateClient().PostAsync("/api/import", Files(Units, null, null));

        await Problem.Expect(anonymous, HttpStatusCode.Unauthorized);
    }
}
