using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
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

    /// <summary>REGISTER with the digest challenge answered; returns the final status code.</summary>
    private async Task<int> Register(UdpClient phone, string username, string password, string callId, int cseq, int expires)
    {
        var server = demo.SipEndPoint;
        var local = (IPEndPoint)phone.Client.LocalEndPoint!;
        var via = $"UDP 127.0.0.1:{local.Port};rport";
        var contact = $"<sip:{username}@127.0.0.1:{local.Port}>";
        await phone.SendAsync(Encoding.UTF8.GetBytes(SipText.Register("127.0.0.1", username, via, contact, callId, cseq, expires)), server);
        var challenge = await Receive(phone);
        Assert.Equal(401, SipText.StatusCode(challenge));
        var offered = IndependentDigest.ChallengesIn(challenge)[0];
        var authorization = IndependentDigest.Authorization(offered, username, password, "REGISTER", "sip:127.0.0.1");
        await phone.SendAsync(Encoding.UTF8.GetBytes(SipText.Register("127.0.0.1", username, via, contact, callId, cseq + 1, expires, authorization)), server);
        return SipText.StatusCode(await Receive(phone));
    }

    private static async Task<string> Receive(UdpClient phone)
    {
        using var timeout = new CancellationTokenSource(Wait);
        return Encoding.UTF8.GetString((await phone.ReceiveAsync(timeout.Token)).Buffer);
    }

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
        using var phone = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));

        Assert.Equal(200, await Register(phone, username, password, "presence-1", 1, 300));
        await Poll.Until(() => Task.FromResult(seen.ToArray()), s => s.Contains(PresenceStatus.Online), Wait, "online after REGISTER");
        Assert.Equal(200, await Register(phone, username, password, "presence-1", 3, 0));
        await Poll.Until(() => Task.FromResult(seen.ToArray()), s => s.LastOrDefault() == PresenceStatus.Offline, Grace + Wait, "offline after un-REGISTER");

        Assert.Equal([PresenceStatus.Online, PresenceStatus.Offline], seen.ToArray());
    }
}
