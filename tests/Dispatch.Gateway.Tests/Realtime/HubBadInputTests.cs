using Dispatch.Client;
using Dispatch.Contracts.Org;
using Dispatch.Gateway.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Dispatch.Gateway.Tests.Realtime;

[Collection(DemoCountyCollection.Name)]
public sealed class HubBadInputTests(DemoCountyFixture demo)
{
    [Fact]
    public async Task Acknowledging_another_workers_push_is_refused_and_changes_nothing()
    {
        var owner = DemoFacts.WorkerUnder(DemoFacts.TownCode(7), WorkerRole.FullTimeGridWorker);
        var other = DemoFacts.WorkerUnder(DemoFacts.TownCode(7), WorkerRole.PartTimeGridWorker);
        var dispatcher = await demo.App.ClientFor("dispatcher.t07", DemoCountyFixture.Password);
        var pushId = (await PushApi.Send(dispatcher, "task", owner.Id)).Single();
        await using var intruder = await HubClients.LoggedIn(demo.App, other.Phone);
        await intruder.ConnectAsync();

        var refused = await Assert.ThrowsAsync<HubException>(() => intruder.AckAsync(pushId, ReceiptKind.Accepted));

        Assert.Contains($"Push '{pushId}' is not in your inbox", refused.Message);
        Assert.Contains(demo.App.Logs.Lines, l => l.Contains("Hub call Ack by " + other.Phone) && l.Contains(pushId));
        Assert.Empty(await PushApi.Receipts(dispatcher, pushId));
        await using var ownerDevice = await HubClients.LoggedIn(demo.App, owner.Phone);
        await ownerDevice.ConnectAsync();
        Assert.Contains(await ownerDevice.SyncAsync(), p => p.Id == pushId);
    }

    [Fact]
    public async Task An_unknown_method_gets_an_error_that_names_it()
    {
        await using var device = await Connected(8);

        var refused = await Assert.ThrowsAsync<HubException>(() => device.Hub.InvokeAsync("DeleteEverything"));

        Assert.Contains("'DeleteEverything'", refused.Message);
        Assert.Contains("Method does not exist", refused.Message);
        Assert.Contains(demo.App.Logs.Lines, l => l.Contains("Hub invocation of 'DeleteEverything' refused"));
    }

    [Fact]
    public async Task A_payload_of_the_wrong_type_or_count_gets_an_error_that_says_so()
    {
        await using var device = await Connected(8);

        var wrongType = await Assert.ThrowsAsync<HubException>(() => device.Hub.InvokeAsync("Ack", 42, true));
        var wrongCount = await Assert.ThrowsAsync<HubException>(() => device.Hub.InvokeAsync("Ack", "only-an-id"));

        Assert.Contains("Failed to invoke 'Ack'", wrongType.Message);
        Assert.Contains("Error binding arguments", wrongType.Message);
        Assert.Contains("Failed to invoke 'Ack'", wrongCount.Message);
        Assert.Contains(demo.App.Logs.Lines, l => l.Contains("Hub invocation of 'Ack' refused: Invocation provides 1 argument(s) but target expects 2"));
    }

    [Fact]
    public async Task An_unknown_receipt_kind_or_activity_is_refused_with_the_values_allowed()
    {
        await using var device = await Connected(8);

        var kind = await Assert.ThrowsAsync<HubException>(() => device.Hub.InvokeAsync("Ack", "abc", "eaten"));
        var activity = await Assert.ThrowsAsync<HubException>(() => device.Hub.InvokeAsync("SetActivity", "asleep"));

        Assert.Contains("'delivered', 'read', 'accepted' or 'confirmed', not 'eaten'", kind.Message);
        Assert.Contains("'available', 'busy' or 'in_call', not 'asleep'", activity.Message);
    }

    [Fact]
    public async Task Accepting_a_notice_is_refused()
    {
        var worker = DemoFacts.WorkerUnder(DemoFacts.TownCode(9), WorkerRole.FullTimeGridWorker);
        var dispatcher = await demo.App.ClientFor("dispatcher.t09", DemoCountyFixture.Password);
        var pushId = (await PushApi.Send(dispatcher, "notice", worker.Id)).Single();
        await using var device = await HubClients.LoggedIn(demo.App, worker.Phone, "app-9");
        await device.ConnectAsync();

        var refused = await Assert.ThrowsAsync<HubException>(() => device.AckAsync(pushId, ReceiptKind.Accepted));

        Assert.Contains("only tasks can be accepted", refused.Message);
        var receipts = await Poll.Until(() => PushApi.Receipts(dispatcher, pushId), r => r.Length >= 1, TimeSpan.FromSeconds(10), "delivered receipt");
        Assert.Equal([("app-9", "delivered")], receipts);
    }

    [Fact]
    public async Task Subscribing_to_a_unit_outside_the_scope_is_refused()
    {
        await using var console = await HubClients.LoggedIn(demo.App, "dispatcher.t01");
        await console.ConnectAsync();

        var refused = await Assert.ThrowsAsync<HubException>(() => console.SubscribePresenceAsync(DemoFacts.TownCode(2)));
        var missing = await Assert.ThrowsAsync<HubException>(() => console.SubscribePresenceAsync("no-such-unit"));

        Assert.Contains("outside the units your login may see", refused.Message);
        Assert.Contains("does not exist", missing.Message);
    }

    [Fact]
    public async Task A_hub_connection_without_a_token_is_rejected()
    {
        var server = demo.App.Server;
        await using var anonymous = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "/hubs/dispatch"), o => o.HttpMessageHandlerFactory = _ => server.CreateHandler())
            .Build();

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => anonymous.StartAsync());

        Assert.Equal(global::System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    private async Task<DispatchClient> Connected(int town)
    {
        var worker = DemoFacts.WorkerUnder(DemoFacts.TownCode(town), WorkerRole.FullTimeGridWorker);
        var device = await HubClients.LoggedIn(demo.App, worker.Phone);
        await device.ConnectAsync();
        return device;
    }
}
