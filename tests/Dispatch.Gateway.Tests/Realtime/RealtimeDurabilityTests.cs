using Dispatch.Client;
using Dispatch.Gateway.Tests.Support;
using Dispatch.Gateway.Tests.System;

namespace Dispatch.Gateway.Tests.Realtime;

/// <summary>What the realtime edge acknowledged survives SIGKILL of the single-node process.</summary>
public sealed class RealtimeDurabilityTests : IDisposable
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(15);
    private readonly string _data = Directory.CreateTempSubdirectory("dispatch-realtime-durable-").FullName;

    [Fact]
    public async Task Killing_the_process_after_a_push_was_accepted_loses_neither_the_push_nor_the_acknowledged_receipts()
    {
        string[] settings = ["--Dispatch:DemoData=false", $"--Dispatch:SiloPort={FreePort.Next()}", $"--Dispatch:GatewayPort={FreePort.Next()}"];
        string readPush, offlinePush;
        await using (var first = GatewayProcess.Start(_data, settings))
        {
            await first.WaitUntilReady(TimeSpan.FromSeconds(60));
            var admin = await first.ClientFor("admin", DispatchAppFactory.AdminPassword);
            await SmallCounty.Create(admin, "R1", "W-inbox");
            await using var device = await HubClients.LoggedIn(first, SmallCounty.WorkerPhone, SmallCounty.WorkerPassword, "phone-k");
            var received = new ReceivedPushes(device);
            await device.ConnectAsync();

            readPush = (await PushApi.Send(admin, "notice", "W-inbox")).Single();
            await received.WaitFor(readPush, Soon);
            await device.AckAsync(readPush, ReceiptKind.Read);
            await Poll.Until(() => PushApi.Receipts(admin, readPush), r => r.Length == 2, Soon, "delivered and read");
            await device.DisconnectAsync();

            offlinePush = (await PushApi.Send(admin, "task", "W-inbox")).Single();
            first.Kill();
        }

        await using var second = GatewayProcess.Start(_data, settings);
        await second.WaitUntilReady(TimeSpan.FromSeconds(60));
        var again = await second.ClientFor("admin", DispatchAppFactory.AdminPassword);
        Assert.Equal([("phone-k", "delivered"), ("phone-k", "read")], await PushApi.Receipts(again, readPush));
        Assert.Empty(await PushApi.Receipts(again, offlinePush));

        await using var back = await HubClients.LoggedIn(second, SmallCounty.WorkerPhone, SmallCounty.WorkerPassword, "phone-k");
        var afterRestart = new ReceivedPushes(back);
        await back.ConnectAsync();
        await afterRestart.WaitFor(offlinePush, Soon);

        Assert.Equal([offlinePush], afterRestart.All.Select(p => p.Id));
        Assert.Equal([("phone-k", "delivered")], await Poll.Until(() => PushApi.Receipts(again, offlinePush), r => r.Length == 1, Soon, "delivered after restart"));
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
