using System.Collections.Concurrent;
using Dispatch.Client;
using Dispatch.Contracts.Org;
using Dispatch.Gateway.Tests.Realtime;
using Dispatch.Gateway.Tests.Support;
using Dispatch.Silo.Grid.Demo;

namespace Dispatch.Gateway.Tests.Media;

/// <summary>
/// Issue 4: "a registered SIP phone counts as a live device in the worker's presence", seen from a console on the
/// hub while a UDP phone (digest computed by <see cref="IndependentDigest"/>) registers and un-registers.
/// </summary>
public sealed class SipPresenceTests(SippRegisterTests.SipDemoFixture demo) : IClassFixture<SippRegisterTests.SipDemoFixture>
{
    /// <summary>The documented default (docs/realtime.md).</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_console_sees_a_worker_online_while_only_a_sip_phone_is_registered_and_offline_after_it_un_registers()
    {
        var town = DemoFacts.TownCode(7);
        var worker = DemoFacts.WorkerUnder(town, WorkerRole.FullTimeGridWorker);
        var username = Assert.Single(DemoFacts.Snapshot.SipDevices[worker.Id]).Username;
        var password = DemoSipDevices.DemoSipPassword(worker.Id);
        await using var console = await HubClients.LoggedIn(demo.App, "dispatcher.t07");
        var seen = new ConcurrentQueue<PresenceStatus>();
        console.PresenceChanged += p =>
        {
            if (p.WorkerId == worker.Id)
            {
                seen.Enqueue(p.Status);
            }
        };
        await console.ConnectAsync();
        var snapshot = await console.SubscribePresenceAsync(town);
        Assert.Contains(snapshot, p => p.WorkerId == worker.Id && p.Status == PresenceStatus.Offline);
        using var phone = new UdpSipPhone(demo.SipEndPoint, username, password);

        Assert.Equal(200, SipText.StatusCode(await phone.Register("presence-1", 1, 300)));
        await Poll.Until(() => Task.FromResult(seen.ToArray()), s => s.Contains(PresenceStatus.Online), Wait, "online after REGISTER");
        Assert.Equal(200, SipText.StatusCode(await phone.Register("presence-1", 3, 0)));
        await Poll.Until(() => Task.FromResult(seen.ToArray()), s => s.LastOrDefault() == PresenceStatus.Offline, Grace + Wait, "offline after un-REGISTER");

        Assert.Equal([PresenceStatus.Online, PresenceStatus.Offline], seen.ToArray());
    }
}
