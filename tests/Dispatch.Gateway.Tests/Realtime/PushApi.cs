using System.Net.Http.Json;
using System.Text.Json;

namespace Dispatch.Gateway.Tests.Realtime;

/// <summary>The REST side of pushes, as a dispatcher uses it.</summary>
internal static class PushApi
{
    public static async Task<string[]> Send(HttpClient dispatcher, string kind, params string[] workerIds)
    {
        var response = await dispatcher.PostAsJsonAsync("/api/pushes", new { workerIds, title = "巡查通知", body = "请于今日下午巡查网格", kind });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("pushIds").EnumerateArray().Select(e => e.GetString()!).ToArray();
    }

    public static async Task<(string DeviceId, string Kind)[]> Receipts(HttpClient client, string pushId)
    {
        var body = await client.GetFromJsonAsync<JsonElement>($"/api/pushes/{pushId}/receipts");
        return body.GetProperty("receipts").EnumerateArray()
            .Select(r => (r.GetProperty("deviceId").GetString()!, r.GetProperty("kind").GetString()!)).ToArray();
    }
}
