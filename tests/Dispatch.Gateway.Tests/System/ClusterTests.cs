using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dispatch.Gateway.Tests.Support;
using Dispatch.Silo.Tests.Support;

namespace Dispatch.Gateway.Tests.System;

/// <summary>
/// Cluster mode on a real PostgreSQL: two silo processes share membership and state, and a grain
/// whose silo is SIGKILLed comes back on the other one with its state.
/// </summary>
public sealed class ClusterTests : IClassFixture<PostgresServer>, IDisposable
{
    private readonly PostgresServer _postgres;
    private readonly string _data = Directory.CreateTempSubdirectory("dispatch-cluster-").FullName;

    public ClusterTests(PostgresServer postgres) => _postgres = postgres;

    [Fact]
    public async Task Two_silos_share_state_and_a_killed_silos_grain_reactivates_on_the_other()
    {
        var database = await _postgres.CreateDatabaseAsync();
        var clusterId = "test-" + Guid.NewGuid().ToString("N")[..8];
        var ports = new[] { (Silo: FreePort.Next(), Gateway: FreePort.Next()), (Silo: FreePort.Next(), Gateway: FreePort.Next()) };
        string[] Settings(int i) =>
        [
            "--Dispatch:Storage=postgres", $"--ConnectionStrings:Dispatch={database}", $"--Dispatch:ClusterId={clusterId}",
            "--Dispatch:DemoData=false", $"--Dispatch:SiloPort={ports[i].Silo}", $"--Dispatch:GatewayPort={ports[i].Gateway}",
            // Declare a dead silo within seconds rather than the production default.
            "--Orleans:Membership:ProbeTimeout=00:00:01", "--Orleans:Membership:NumMissedProbesLimit=2",
            "--Orleans:Membership:NumVotesForDeathDeclaration=1", "--Orleans:Membership:IAmAliveTablePublishTimeout=00:00:02",
        ];
        // One data folder: both gateways sign and accept tokens with the same key.
        await using var a = GatewayProcess.Start(_data, Settings(0));
        await a.WaitUntilReady(TimeSpan.FromSeconds(90));
        await using var b = GatewayProcess.Start(_data, Settings(1));
        await b.WaitUntilReady(TimeSpan.FromSeconds(90));

        var adminA = await a.ClientFor("admin", DispatchAppFactory.AdminPassword);
        var adminB = await b.ClientFor("admin", DispatchAppFactory.AdminPassword);
        (await adminA.PutAsJsonAsync("/api/units/K1", new { name = "集群市", level = "city" })).EnsureSuccessStatusCode();
        (await adminA.PutAsJsonAsync("/api/units/K1-T1", new { name = "集群镇", level = "town", parentCode = "K1" })).EnsureSuccessStatusCode();
        (await adminA.PostAsJsonAsync("/api/workers", new
        {
            id = "W-cluster", name = "吴九", phone = "13933334444", onDuty = true,
            assignments = new[] { new { unitCode = "K1-T1", role = "grid_chief" } },
        })).EnsureSuccessStatusCode();

        var seenFromB = await adminB.GetFromJsonAsync<JsonElement>("/api/workers/W-cluster");
        Assert.Equal("吴九", seenFromB.GetProperty("name").GetString());

        var host = (await adminA.GetFromJsonAsync<JsonElement>("/api/workers/W-cluster/placement")).GetProperty("silo").GetString()!;
        var (victim, survivor, survivorClient) = host.Contains($":{ports[0].Silo}:") ? (a, b, adminB) : (b, a, adminA);
        Assert.Contains($":{(victim == a ? ports[0].Silo : ports[1].Silo)}:", host);
        victim.Kill();

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        JsonElement? after = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var response = await survivorClient.GetAsync("/api/workers/W-cluster");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    after = await response.Content.ReadFromJsonAsync<JsonElement>();
                    break;
                }
            }
            catch (TaskCanceledException)
            {
                // A call into the dead silo times out until membership declares it dead.
            }
            await Task.Delay(500);
        }
        Assert.True(after.HasValue, "The worker grain did not come back on the surviving silo:\n" + survivor.Log);
        Assert.Equal("吴九", after.Value.GetProperty("name").GetString());
        Assert.True(after.Value.GetProperty("onDuty").GetBoolean());
        var newHost = (await survivorClient.GetFromJsonAsync<JsonElement>("/api/workers/W-cluster/placement")).GetProperty("silo").GetString()!;
        Assert.NotEqual(host, newHost);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
