using Dispatch.Client;
using Dispatch.Gateway.Tests.Support;
using Dispatch.Gateway.Tests.System;
using Dispatch.Silo.Tests.Support;

namespace Dispatch.Gateway.Tests.Realtime;

/// <summary>
/// Cluster mode on a real PostgreSQL: one silo process and two gateway processes that are Orleans
/// clients. A push sent through gateway A reaches a device connected to gateway B, and the device's
/// acknowledgements reach the sender.
/// </summary>
public sealed class CrossGatewayTests : IClassFixture<PostgresServer>, IDisposable
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(20);
    private readonly PostgresServer _postgres;
    private readonly string _data = Directory.CreateTempSubdirectory("dispatch-gateways-").FullName;

    public CrossGatewayTests(PostgresServer postgres) => _postgres = postgres;

    [Fact]
    public async Task A_device_on_gateway_B_receives_a_push_sent_through_gateway_A_and_its_acks_reach_the_sender()
    {
        var database = await _postgres.CreateDatabaseAsync();
        var clusterId = "rt-" + Guid.NewGuid().ToString("N")[..8];
        var gatewayPort = FreePort.Next();
        string[] cluster = ["--Dispatch:Storage=postgres", $"--ConnectionStrings:Dispatch={database}", $"--Dispatch:ClusterId={clusterId}", "--Dispatch:DemoData=false"];
        // One data folder: every process signs and accepts tokens with the same key.
        await using var silo = GatewayProcess.Start(_data, [.. cluster, $"--Dispatch:SiloPort={FreePort.Next()}", $"--Dispatch:GatewayPort={gatewayPort}"]);
        await silo.WaitUntilReady(TimeSpan.FromSeconds(90));
        await using var a = GatewayProcess.Start(_data, [.. cluster, "--Dispatch:Role=gateway"]);
        await using var b = GatewayProcess.Start(_data, [.. cluster, "--Dispatch:Role=gateway"]);
        await Task.WhenAll(a.WaitUntilReady(TimeSpan.FromSeconds(90)), b.WaitUntilReady(TimeSpan.FromSeconds(90)));

        var adminA = await a.ClientFor("admin", DispatchAppFactory.AdminPassword);
        await SmallCounty.Create(adminA, "G1", "W-cross");
        await using var device = await HubClients.LoggedIn(b, SmallCounty.WorkerPhone, SmallCounty.WorkerPassword, "phone-b");
        var received = new ReceivedPushes(device);
        await device.ConnectAsync();

        var pushId = (await PushApi.Send(adminA, "task", "W-cross")).Single();
        await received.WaitFor(pushId, Soon);
        await device.AckAsync(pushId, ReceiptKind.Accepted);

        var receipts = await Poll.Until(() => PushApi.Receipts(adminA, pushId), r => r.Length == 2, Soon, "receipts seen through gateway A");
        Assert.Equal([("phone-b", "delivered"), ("phone-b", "accepted")], receipts);

        // Long after the device's sync, only gateway A's fan-out to gateway B can bring a push: the inbox hands a
        // stored push to presence only for a sync that came within its 2 s clock allowance (docs/realtime.md).
        await Task.Delay(TimeSpan.FromSeconds(3));
        var laterId = (await PushApi.Send(adminA, "notice", "W-cross")).Single();
        await received.WaitFor(laterId, Soon);
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
