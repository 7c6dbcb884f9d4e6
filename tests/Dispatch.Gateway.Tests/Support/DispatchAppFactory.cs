using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace Dispatch.Gateway.Tests.Support;

/// <summary>
/// The single-node gateway (silo co-hosted) in memory, on a data folder of its own and on free
/// silo ports, so test classes never share state or collide with a running Dispatch. The start-up warm-up
/// (compiling all of the server's code) is off unless asked for: it costs seconds of CPU per server.
/// </summary>
public class DispatchAppFactory(bool demoData, bool warmUp = false) : WebApplicationFactory<Program>
{
    public const string AdminPassword = "test-admin-password";

    public string DataFolder { get; } = Directory.CreateTempSubdirectory("dispatch-test-").FullName;

    /// <summary>What the server logged at warning and above.</summary>
    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Dispatch:DataFolder", DataFolder);
        builder.UseSetting("Dispatch:DemoData", demoData ? "true" : "false");
        builder.UseSetting("Dispatch:AdminPassword", AdminPassword);
        builder.UseSetting("Dispatch:WarmUp", warmUp ? "true" : "false");
        builder.UseSetting("Dispatch:SiloPort", FreePort.Next().ToString());
        builder.UseSetting("Dispatch:GatewayPort", FreePort.Next().ToString());
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }

    /// <summary>Waits until /healthz answers 200 (the demo tree takes a few seconds on first start).</summary>
    public async Task WaitUntilReady(TimeSpan timeout)
    {
        var client = CreateClient();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var response = await client.GetAsync("/healthz");
            if (response.IsSuccessStatusCode)
            {
                return;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not ready after {timeout}: {await response.Content.ReadAsStringAsync()}");
            }
            await Task.Delay(200);
        }
    }

    /// <summary>An HTTP client carrying the token of the given login.</summary>
    public async Task<HttpClient> ClientFor(string login, string password)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { login, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<TokenBody>())!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a finishing background write; the temp folder is cleaned later.
        }
    }

    private sealed record TokenBody(string AccessToken);
}

/// <summary>
/// One gateway with the full demo county, shared by the tests that only read it; it warms up at start as a production
/// server does, so the push tests run with the warm-up done or under way.
/// </summary>
public sealed class DemoCountyFixture : IAsyncLifetime
{
    public const string Password = "demo2026";

    public DispatchAppFactory App { get; } = new(demoData: true, warmUp: true);

    public Task InitializeAsync() => App.WaitUntilReady(TimeSpan.FromMinutes(3));

    public Task DisposeAsync()
    {
        App.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class DemoCountyCollection : ICollectionFixture<DemoCountyFixture>
{
    public const string Name = "demo county";
}
