using System.Net;
using System.Text.Json;

namespace Dispatch.Gateway.Tests.Support;

/// <summary>Reads an RFC 9457 problem response and checks its shape.</summary>
internal static class Problem
{
    public static async Task<JsonElement> Expect(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    public static string Text(this JsonElement problem) => problem.ToString();
}
