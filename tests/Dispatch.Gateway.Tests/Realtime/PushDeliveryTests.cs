using Dispatch.Client;
using Dispatch.Contracts.Org;
using Dispatch.Gateway.Tests.Support;

namespace Dispatch.Gateway.Tests.Realtime;

[Collection(DemoCountyCollection.Name)]
public sealed class PushDeliveryTests(DemoCountyFixture demo)
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_push_reaches_a_connected_device_and_its_acknowledgements_come_back_as_receipts()
    {
        var worker = DemoFacts.WorkerUnder(DemoFacts.TownCode(3), WorkerRole.FullTimeGridWorker);
        await using var device = await HubClients.LoggedIn(demo.App, worker.Phone, "phone-1");
        var received = new ReceivedPushes(device);
        await device.ConnectAsync();
        var dispatcher = await demo.App.ClientFor("dispatcher.t03", DemoCountyFixture.Password);

        var pushId = (await PushApi.Send(dispatcher, "task", worker.Id)).Single();
        var push = await received.WaitFor(pushId, Soon);
        await device.AckAsync(pushId, ReceiptKind.Read);
        await device.AckAsync(pushId, ReceiptKind.Accepted);

        Assert.Equal(PushKind.Task, push.Kind);
        Assert.Equal(0, push.AckAfterMs); // a send to one worker: acknowledged at once
        Assert.Equal("巡查通知", push.Title);
        Assert.Equal("dispatcher.t03", push.Sender);
        var receipts = await Poll.Until(() => PushApi.Receipts(dispatcher, pushId), r => r.Length == 3, Soon, "three receipts");
        Assert.Equal([("phone-1", "delivered"), ("phone-1", "read"), ("phone-1", "accepted")], receipts);
    }

    [Fact]
    public async Task A_device_offline_during_a_push_gets_it_on_reconnect_and_a_reconnect_mid_flow_shows_no_duplicate()
    {
        var worker = DemoFacts.WorkerUnder(DemoFacts.TownCode(4), WorkerRole.FullTimeGridWorker);
        var dispatcher = await demo.App.ClientFor("dispatcher.t04", DemoCountyFixture.Password);
        await using (var first = await HubClients.LoggedIn(demo.App, worker.Phone, "tablet-1"))
        {
            await first.ConnectAsync();
        }

        var whileOffline = (await PushApi.Send(dispatcher, "notice", worker.Id)).Single();
        await using var device = await HubClients.LoggedIn(demo.App, worker.Phone, "tablet-1");
        var received = new ReceivedPushes(device);
        await device.ConnectAsync();
        await received.WaitFor(whileOffline, Soon);

        var live = (await PushApi.Send(dispatcher, "notice", worker.Id)).Single();
        await received.WaitFor(live, Soon);
        // Neither push is read yet, so the server offers both again after the reconnect.
        await device.DisconnectAsync();
        await device.ConnectAsync();
        var offered = await device.SyncAsync();

        Assert.Contains(offered, p => p.Id == whileOffline);
        Assert.Contains(offered, p => p.Id == live);
        Assert.Equal([whileOffline, live], received.All.Select(p => p.Id));
        var receipts = await Poll.Until(() => PushApi.Receipts(dispatcher, whileOffline), r => r.Length == 1, Soon, "delivered receipt");
        Assert.Equal(("tablet-1", "delivered"), receipts.Single());
    }

    [Fact]
    public async Task A_read_push_is_not_offered_again_to_the_device_that_has_it()
    {
        var worker = DemoFacts.WorkerUnder(DemoFacts.TownCode(6), WorkerRole.FullTimeGridWorker);
        var dispatcher = await demo.App.ClientFor("dispatcher.t06", DemoCountyFixture.Password);
        await using var device = await HubClients.LoggedIn(demo.App, worker.Phone, "web-1");
        var received = new ReceivedPushes(device);
        await device.ConnectAsync();

        var pushId = (await PushApi.Send(dispatcher, "notice", worker.Id)).Single();
        await received.WaitFor(pushId, Soon);
        await device.AckAsync(pushId, ReceiptKind.Read);
        await Poll.Until(() => PushApi.Receipts(dispatcher, pushId), r => r.Length == 2, Soon, "delivered and read");

        Assert.DoesNotContain(await device.SyncAsync(), p => p.Id == pushId);
    }

    [Fact]
    public async Task After_a_cut_connection_the_client_reconnects_by_itself_syncs_and_shows_each_push_once()
    {
        var worker = DemoFacts.WorkerUnder(DemoFacts.TownCode(11), WorkerRole.FullTimeGridWorker);
        var dispatcher = await demo.App.ClientFor("dispatcher.t11", DemoCountyFixture.Password);
        var socket = new LiveSocket();
        await using var device = await HubClients.LoggedIn(demo.App, worker.Phone, "phone-11", socket);
        var received = new ReceivedPushes(device);
        var reconnects = 0;
        device.Reconnected += () => Interlocked.Increment(ref reconnects);
        await device.ConnectAsync();
        var before = (await PushApi.Send(dispatcher, "notice", worker.Id)).Single();
        await received.WaitFor(before, Soon);

        socket.Cut();
        var during = (await PushApi.Send(dispatcher, "notice", worker.Id)).Single();
        await Poll.Until(() => Task.FromResult(Volatile.Read(ref reconnects)), n => n >= 1, Soon, "automatic reconnect");
        await received.WaitFor(during, Soon);

        // "before" is unread, so the sync after the reconnect offered it again: it is still shown once.
        Assert.Equal([before, during], received.All.Select(p => p.Id));
    }

    [Fact]
    public async Task A_large_send_asks_its_devices_to_acknowledge_later_and_the_receipt_still_comes_back()
    {
        var town = DemoFacts.TownCode(8);
        var workers = DemoFacts.Snapshot.Workers
            .Where(w => w.Assignments.Any(a => a.UnitCode.StartsWith(town + "-", StringComparison.Ordinal)))
            .Take(100).ToArray();
        var worker = workers[0];
        var dispatcher = await demo.App.ClientFor("dispatcher.t08", DemoCountyFixture.Password);
        await using var device = await HubClients.LoggedIn(demo.App, worker.Phone, "phone-8", protocol: HubWireProtocol.MessagePack);
        var received = new ReceivedPushes(device);
        await device.ConnectAsync();

        var pushIds = await PushApi.Send(dispatcher, "notice", workers.Select(w => w.Id).ToArray());
        var push = await received.WaitFor(pushIds[0], Soon);

        Assert.Equal(100, pushIds.Length);
        Assert.Equal(12, push.AckAfterMs); // 100 recipients × 120 µs (AckSpread)
        var receipts = await Poll.Until(() => PushApi.Receipts(dispatcher, pushIds[0]), r => r.Length == 1, Soon, "delivered receipt");
        Assert.Equal(("phone-8", "delivered"), receipts.Single());
    }
}
