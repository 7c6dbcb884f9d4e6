using System.Text.Json;
using System.Net;
using System.Net.Http.Json;
using Dispatch.Gateway.Api;
using Dispatch.Gateway.Media;
using Dispatch.Gateway.Tests.Support;
using Dispatch.Silo.Grid.Demo;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dispatch.Gateway.Tests.Media;

/// <summary>
/// Issue 4: baresip registers as a demo worker's softphone with digest credentials and auto-answers a call the
/// server originates through <c>POST /api/sip/calls</c>; the dialog is set up (200 with an SDP answer, ACK) and torn
/// down by the server (BYE, 200), as both the server's call steps and baresip's own output show.
/// </summary>
public sealed class BaresipCallTests(BaresipCallTests.Md5DemoFixture demo) : IClassFixture<BaresipCallTests.Md5DemoFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> done, string what, Baresip phone)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}; last seen: {JsonSerializer.Serialize(value)}\nbaresip:\n{phone.Output}");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task Baresip_registers_as_a_demo_worker_and_auto_answers_a_call_the_server_originates_then_the_server_hangs_up()
    {
        Assert.True(File.Exists(Baresip.Binary), $"{Baresip.Binary} is missing: run build/ensure-tools.sh test (Debian package baresip).");
        var (workerId, devices) = DemoFacts.Snapshot.SipDevices.OrderBy(kv => kv.Key, StringComparer.Ordinal).ElementAt(30);
        var number = devices.Single().Username;
        var admin = await demo.App.ClientFor("admin", DemoCountyFixture.Password);
        await using var phone = Baresip.Start(demo.SipEndPoint, number, DemoSipDevices.DemoSipPassword(workerId), Baresip.FreeSipPort());

        var bindings = await Until(
            () => admin.GetFromJsonAsync<SipBindingResponse[]>($"/api/workers/{workerId}/sip-bindings")!,
            b => b!.Length == 1, "baresip's registration", phone);
        Assert.StartsWith($"<sip:{number}", bindings![0].Contact); // baresip adds a suffix to the user part
        Assert.Contains("@127.0.0.1:", bindings[0].Contact);

        var placed = await admin.PostAsJsonAsync("/api/sip/calls", new OriginateCallRequest(number, RingSeconds: 20));
        Assert.Equal(HttpStatusCode.Accepted, placed.StatusCode);
        var call = (await placed.Content.ReadFromJsonAsync<OriginatedCallResponse>())!;
        Assert.Equal(workerId, call.WorkerId);
        var up = await Until(
            () => admin.GetFromJsonAsync<SipCallResponse>(placed.Headers.Location!)!,
            c => c!.State is "Confirmed" or "Ended", "the call to be answered", phone);
        Assert.Equal("Confirmed", up!.State);
        var answered = up.Steps.Single(s => s.State == "Answered");
        Assert.Equal(200, answered.StatusCode);
        Assert.Contains("application/sdp: m=audio", answered.Detail); // baresip answered our offer with SDP
        await phone.WaitForOutput("Call established", Patience);

        var hangUp = await admin.DeleteAsync(placed.Headers.Location);
        Assert.Equal(HttpStatusCode.Accepted, hangUp.StatusCode);

        var ended = await Until(
            () => admin.GetFromJsonAsync<SipCallResponse>(placed.Headers.Location!)!,
            c => c!.State == "Ended", "the call to end", phone);
        Assert.Equal((200, "hung up by the server"), (ended!.FinalStatus, ended.Steps[^1].Detail));
        // libre reports a BYE from the peer as "session closed: Connection reset by peer".
        await phone.WaitForOutput("session closed: Connection reset by peer", Patience);
        Assert.True(await phone.Stop(), "baresip did not exit on SIGTERM:\n" + phone.Output);
    }

    [Fact]
    public async Task Originating_a_call_needs_a_known_number_and_a_manager()
    {
        var admin = await demo.App.ClientFor("admin", DemoCountyFixture.Password);
        var devices = DemoFacts.Snapshot.SipDevices.OrderBy(kv => kv.Key, StringComparer.Ordinal).ElementAt(31).Value;
        var worker = await demo.App.ClientFor(devices.Single().Username, DemoCountyFixture.Password);

        var unknown = await admin.PostAsJsonAsync("/api/sip/calls", new OriginateCallRequest("00000000000"));
        var missing = await admin.PostAsJsonAsync("/api/sip/calls", new OriginateCallRequest(" "));
        var ringTooLong = await admin.PostAsJsonAsync("/api/sip/calls", new OriginateCallRequest(devices.Single().Username, RingSeconds: 1000));
        var byWorker = await worker.PostAsJsonAsync("/api/sip/calls", new OriginateCallRequest(devices.Single().Username));
        var noSuchCall = await admin.GetAsync("/api/sip/calls/nope");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, ringTooLong.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byWorker.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noSuchCall.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>
    /// The demo county with SIP on a free port, challenging with MD5 only: baresip 1.0's digest code (libre) gives up
    /// with ENOSYS on a SHA-256 challenge header even when an MD5 challenge follows (RFC 8760 §2.4 asks a client to
    /// use the challenge it supports), so such phones need <c>Dispatch:Sip:DigestAlgorithms=MD5</c>.
    /// </summary>
    public sealed class Md5DemoFixture : IAsyncLifetime
    {
        public DispatchAppFactory App { get; } = new Md5DemoFactory();

        public IPEndPoint SipEndPoint => App.Services.GetServices<IHostedService>().OfType<SipListenerService>().Single().UdpEndPoint!;

        public Task InitializeAsync() => App.WaitUntilReady(TimeSpan.FromMinutes(3));

        public Task DisposeAsync()
        {
            App.Dispose();
            return Task.CompletedTask;
        }
    }

    private sealed class Md5DemoFactory() : DispatchAppFactory(demoData: true)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Dispatch:Sip:Enabled", "true");
            builder.UseSetting("Dispatch:Sip:Port", "0");
            builder.UseSetting("Dispatch:Sip:DigestAlgorithms", "MD5");
        }
    }
}
