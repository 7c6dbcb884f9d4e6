using Dispatch.Client;
using Dispatch.Contracts.Org;
using Dispatch.Gateway.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Dispatch.Gateway.Tests.Realtime;

/// <summary>The hub speaks MessagePack as well as JSON; a client picks it in the handshake (docs/protocol.md).</summary>
[Collection(DemoCountyCollection.Name)]
public sealed class MessagePackProtocolTests(DemoCountyFixture demo)
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_MessagePack_device_gets_pushes_live_and_through_sync_and_its_acknowledgements_become_receipts()
    {
        var worker = DemoFacts.WorkerUnder(DemoFacts.TownCode(12), WorkerRole.FullTimeGridWorker);
        var dispatcher = await demo.App.ClientFor("dispatcher.t12", DemoCountyFixture.Password);
        var whileOffline = (await PushApi.Send(dispatcher, "notice", worker.Id)).Single();
        await using var device = await HubClients.LoggedIn(demo.App, worker.Phone, "mp-phone-12", protocol: HubWireProtocol.MessagePack);
        var received = new ReceivedPushes(device);
        await device.ConnectAsync();
        await received.WaitFor(whileOffline, Soon);

        var live = (await PushApi.Send(dispatcher, "task", worker.Id)).Single();
        var push = await received.WaitFor(live, Soon);
        await device.AckAsync(live, ReceiptKind.Accepted);

        Assert.Equal(PushKind.Task, push.Kind);
        Assert.Equal("巡查通知", push.Title);
        Assert.Equal("请于今日下午巡查网格", push.Body);
        Assert.Equal("dispatcher.t12", push.Sender);
        Assert.Equal([whileOffline, live], received.All.Select(p => p.Id));
        var receipts = await Poll.Until(() => PushApi.Receipts(dispatcher, live), r => r.Length == 2, Soon, "delivered and accepted");
        Assert.Equal([("mp-phone-12", "delivered"), ("mp-phone-12", "accepted")], receipts);
    }

    [Fact]
    public async Task A_MessagePack_device_acknowledging_another_workers_push_gets_an_error_and_nothing_is_recorded()
    {
        var owner = DemoFacts.WorkerUnder(DemoFacts.TownCode(12), WorkerRole.PartTimeGridWorker);
        var other = DemoFacts.WorkerUnder(DemoFacts.TownCode(12), WorkerRole.FullTimeGridWorker);
        var dispatcher = await demo.App.ClientFor("dispatcher.t12", DemoCountyFixture.Password);
        var pushId = (await PushApi.Send(dispatcher, "notice", owner.Id)).Single();
        await using var intruder = await HubClients.LoggedIn(demo.App, other.Phone, "mp-intruder-12", protocol: HubWireProtocol.MessagePack);
        await intruder.ConnectAsync();

        var refused = await Assert.ThrowsAsync<HubException>(() => intruder.AckAsync(pushId, ReceiptKind.Read));
        var wrongKind = await Assert.ThrowsAsync<HubException>(() => intruder.Hub.InvokeAsync("Ack", pushId, "seen"));

        Assert.Contains("not in your inbox", refused.Message);
        Assert.Contains("seen", wrongKind.Message);
        Assert.Empty(await PushApi.Receipts(dispatcher, pushId));
    }
}
