using System.Collections.Concurrent;
using System.Diagnostics;
using Dispatch.Client;
using Dispatch.Contracts.Org;
using Dispatch.Gateway.Tests.Support;

namespace Dispatch.Gateway.Tests.Realtime;

[Collection(DemoCountyCollection.Name)]
public sealed class PresenceTests(DemoCountyFixture demo)
{
    /// <summary>The documented default (docs/realtime.md); the demo fixture does not change it.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_console_sees_a_worker_go_offline_after_the_grace_period_and_online_at_once_on_reconnect()
    {
        var town = DemoFacts.TownCode(5);
        var worker = DemoFacts.WorkerUnder(town, WorkerRole.FullTimeGridWorker);
        await using var console = await HubClients.LoggedIn(demo.App, "dispatcher.t05");
        var seen = new ConcurrentQueue<(PresenceUpdate Update, TimeSpan At)>();
        var clock = Stopwatch.StartNew();
        console.PresenceChanged += p =>
        {
            if (p.WorkerId == worker.Id)
            {
                seen.Enqueue((p, clock.Elapsed));
            }
        };
        await console.ConnectAsync();
        var snapshot = await console.SubscribePresenceAsync(town);
        Assert.Contains(snapshot, p => p.WorkerId == worker.Id && p.Status == PresenceStatus.Offline);

        await using var device = await HubClients.LoggedIn(demo.App, worker.Phone, "phone-5");
        await device.ConnectAsync();
        await Until(seen, PresenceStatus.Online, TimeSpan.FromSeconds(5));

        await device.DisconnectAsync();
        var dropped = clock.Elapsed;
        var offline = await Until(seen, PresenceStatus.Offline, Grace + TimeSpan.FromSeconds(5));
        Assert.InRange(offline - dropped, Grace - TimeSpan.FromSeconds(1), Grace + TimeSpan.FromSeconds(5));

        var reconnecting = clock.Elapsed;
        await device.ConnectAsync();
        var online = await Until(seen, PresenceStatus.Online, TimeSpan.FromSeconds(5), after: reconnecting);
        Assert.True(online - reconnecting < TimeSpan.FromSeconds(2), $"online after {online - reconnecting}");
    }

    [Fact]
    public async Task A_reconnect_within_the_grace_period_is_never_seen_as_offline_and_activity_shows_as_busy()
    {
        var town = DemoFacts.TownCode(10);
        var worker = DemoFacts.WorkerUnder(town, WorkerRole.FullTimeGridWorker);
        await using var console = await HubClients.LoggedIn(demo.App, "dispatcher.t10");
        var seen = new ConcurrentQueue<(PresenceUpdate Update, TimeSpan At)>();
        var clock = Stopwatch.StartNew();
        console.PresenceChanged += p =>
        {
            if (p.WorkerId == worker.Id)
            {
                seen.Enqueue((p, clock.Elapsed));
            }
        };
        await console.ConnectAsync();
        await console.SubscribePresenceAsync(town);
        await using var device = await HubClients.LoggedIn(demo.App, worker.Phone, "phone-10");
        await device.ConnectAsync();
        await Until(seen, PresenceStatus.Online, TimeSpan.FromSeconds(5));

        await device.DisconnectAsync();
        await device.ConnectAsync();
        await device.SetActivityAsync(DeviceActivity.Busy);
        await Until(seen, PresenceStatus.Busy, TimeSpan.FromSeconds(5));

        Assert.DoesNotContain(seen, s => s.Update.Status == PresenceStatus.Offline);
    }

    private static async Task<TimeSpan> Until(ConcurrentQueue<(PresenceUpdate Update, TimeSpan At)> seen, PresenceStatus status, TimeSpan timeout, TimeSpan? after = null)
    {
        var at = await Poll.Until(
            () => Task.FromResult(seen.Where(s => s.Update.Status == status && s.At >= (after ?? TimeSpan.Zero)).Select(s => (TimeSpan?)s.At).FirstOrDefault()),
            found => found is not null, timeout, $"presence {status}");
        return at!.Value;
    }
}
