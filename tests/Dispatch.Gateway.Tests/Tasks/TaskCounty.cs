using System.Net.Http.Json;
using Dispatch.Gateway.Tests.Support;

namespace Dispatch.Gateway.Tests.Tasks;

/// <summary>
/// A county built over REST: one town, one community, grids G1 (west) and G2 (east) with boundaries; a grid
/// worker in each grid, a leader of the town, a dispatcher at the city. Logins are the phones, password demo2026.
/// </summary>
internal sealed record TaskCounty(string Prefix)
{
    public const string Password = DemoCountyFixture.Password;

    public string City => Prefix;
    public string Town => $"{Prefix}-T";
    public string Community => $"{Prefix}-T-C";
    public string Grid1 => $"{Prefix}-T-C-G1";
    public string Grid2 => $"{Prefix}-T-C-G2";
    public string Worker1 => $"{Prefix}-w1";
    public string Worker2 => $"{Prefix}-w2";
    public const string Worker1Login = "13700000001";
    public const string Worker2Login = "13700000002";
    public const string LeaderLogin = "13700000003";
    public const string DispatcherLogin = "13700000004";

    /// <summary>The grids lie at longitude 116.0-116.5 (G1) and 116.5-117.0 (G2), latitude 36-37.</summary>
    public static readonly (double Lon, double Lat) InGrid1 = (116.25, 36.5);
    public static readonly (double Lon, double Lat) InGrid2 = (116.75, 36.5);

    public static async Task<TaskCounty> Create(HttpClient admin, string prefix)
    {
        var county = new TaskCounty(prefix);
        await Unit(admin, county.City, "任务市", "city", null, 116, 117);
        await Unit(admin, county.Town, "任务镇", "town", county.City, 116, 117);
        await Unit(admin, county.Community, "任务社区", "community", county.Town, 116, 117);
        await Unit(admin, county.Grid1, "一网格", "grid", county.Community, 116, 116.5);
        await Unit(admin, county.Grid2, "二网格", "grid", county.Community, 116.5, 117);
        await Worker(admin, county.Worker1, "张一", Worker1Login, county.Grid1, "full_time_grid_worker");
        await Worker(admin, county.Worker2, "李二", Worker2Login, county.Grid2, "full_time_grid_worker");
        await Worker(admin, $"{prefix}-leader", "王镇长", LeaderLogin, county.Town, "leader");
        await Worker(admin, $"{prefix}-disp", "赵调度", DispatcherLogin, county.City, "dispatcher");
        return county;
    }

    private static async Task Unit(HttpClient admin, string code, string name, string level, string? parent, double west, double east)
    {
        var response = await admin.PutAsJsonAsync($"/api/units/{code}", new
        {
            name, level, parentCode = parent,
            boundary = new { type = "Polygon", coordinates = new[] { new[] { new[] { west, 36.0 }, [east, 36.0], [east, 37.0], [west, 37.0], [west, 36.0] } } },
        });
        Assert.True(response.IsSuccessStatusCode, $"unit {code}: {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task Worker(HttpClient admin, string id, string name, string phone, string unit, string role)
    {
        var response = await admin.PostAsJsonAsync("/api/workers", new
        {
            id, name, phone, onDuty = true, password = Password,
            assignments = new[] { new { unitCode = unit, role } },
        });
        Assert.True(response.IsSuccessStatusCode, $"worker {id}: {await response.Content.ReadAsStringAsync()}");
    }
}
