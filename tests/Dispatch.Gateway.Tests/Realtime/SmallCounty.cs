using System.Net.Http.Json;

namespace Dispatch.Gateway.Tests.Realtime;

/// <summary>A two-unit tree with one worker who can log in, for process tests that run without demo data.</summary>
internal static class SmallCounty
{
    public const string WorkerPhone = "13955556666";
    public const string WorkerPassword = "realtime-pass";

    public static async Task Create(HttpClient admin, string prefix, string workerId)
    {
        (await admin.PutAsJsonAsync($"/api/units/{prefix}", new { name = "推送市", level = "city" })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"/api/units/{prefix}-T1", new { name = "推送镇", level = "town", parentCode = prefix })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/workers", new
        {
            id = workerId, name = "郑十", phone = WorkerPhone, onDuty = true, password = WorkerPassword,
            assignments = new[] { new { unitCode = $"{prefix}-T1", role = "full_time_grid_worker" } },
        })).EnsureSuccessStatusCode();
    }
}
