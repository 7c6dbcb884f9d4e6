using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Dispatch.Gateway.Media;
using Dispatch.Gateway.Tests.Realtime;
using Dispatch.Gateway.Tests.Support;
using Dispatch.Gateway.Tests.WebRtc;
using Dispatch.Silo.Grid.Demo;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dispatch.Gateway.Tests.Calls.Baresip;

/// <summary>
/// Issue 6 end to end: the city dispatcher's browser (aiortc 1.4 in a network namespace, sending an 880 Hz tone over
/// Opus/DTLS-SRTP) calls a demo worker whose only device is a real baresip desk phone (registered with digest, G.711,
/// auto-answer, playing 1200 Hz). The phone rings and answers; the browser hears 1200 Hz and the phone's recording
/// holds 880 Hz, so audio crossed the Opus&lt;-&gt;G.711 bridge both ways. The dispatcher hangs up: baresip gets the
/// BYE and the call record says answered on the phone.
/// <code>
///   aiortc ── ns ── 10.77.x.1 (node WebRTC host) ── WebRTC leg ═ forwarder ═ BridgedSipLeg ── 127.0.0.1 RTP ── baresip
/// </code>
/// </summary>
public sealed class BaresipDispatcherCallTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const double BrowserTone = 880;
    private const int PhoneTone = 1200;
    /// <summary>The pitch of the beeps of Chromium's fake microphone (--use-fake-device-for-media-stream).</summary>
    private const double ChromiumBeep = 400;
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_browser_dispatcher_calls_a_baresip_worker_and_audio_crosses_the_bridge_both_ways_until_hang_up()
    {
        var (heard, samples, rate) = await CallThePhone(57,
            (space, _) => Task.FromResult(new PeerProcess("ip", string.Create(CultureInfo.InvariantCulture,
                $"netns exec {space.Name} /usr/bin/python3 {Script("aiortc-call.py")} 320 240 {BrowserTone}"))),
            s => (int)s["audio"]! > 100 && Math.Abs((double)s["freq"]! - PhoneTone) < PhoneTone * 0.1 && (double)s["level"]! > 100);

        // The phone heard the browser's tone: 880 Hz dominates its recording, its own 1200 Hz does not come back.
        var atBrowserTone = HeardTone.ShareAt(samples, rate, BrowserTone);
        var atPhoneTone = HeardTone.ShareAt(samples, rate, PhoneTone);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"browser heard: {heard.ToJsonString()}; phone recording: {samples.Length} samples at {rate} Hz, {atBrowserTone.LoudBlocks} loud blocks, share at 880 Hz {atBrowserTone.Share:F3}, at 1200 Hz {atPhoneTone.Share:F3}"));
        Assert.True(atBrowserTone.LoudBlocks >= 50, $"the phone heard only {atBrowserTone.LoudBlocks} loud 20 ms blocks ({samples.Length} samples at {rate} Hz)");
        Assert.True(atBrowserTone.Share > 0.3 && atBrowserTone.Share > 10 * atPhoneTone.Share,
            $"880 Hz share {atBrowserTone.Share:F3}, 1200 Hz share {atPhoneTone.Share:F3} over {atBrowserTone.LoudBlocks} blocks at {rate} Hz");
    }

    /// <summary>
    /// The same call from headless Chromium (playwright-core) with its fake microphone, which beeps at 400 Hz:
    /// Chromium's analyser finds the phone's 1200 Hz; the phone's recording peaks at 400 Hz (not its own tone back).
    /// </summary>
    [Fact]
    public async Task A_chromium_dispatcher_calls_a_baresip_worker_and_each_hears_the_other()
    {
        var playwright = await PlaywrightCore.EnsureInstalled();
        var (heard, samples, rate) = await CallThePhone(58,
            async (space, folder) =>
            {
                var wrapper = Path.Combine(folder, "chromium-in-" + space.Name);
                await File.WriteAllTextAsync(wrapper, $"#!/bin/sh\nexec ip netns exec {space.Name} /usr/bin/chromium \"$@\"\n");
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                return new PeerProcess("node", $"{Script("chromium-call.js")} {playwright} {wrapper}");
            },
            s => (int)s["audio"]! > 100 && Math.Abs((double)s["audioHz"]! - PhoneTone) < PhoneTone * 0.1);

        var atPhoneTone = HeardTone.ShareAt(samples, rate, PhoneTone);
        var strongest = HeardTone.Dominant(samples, rate);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"chromium heard: {heard.ToJsonString()}; phone recording: {samples.Length} samples at {rate} Hz, {atPhoneTone.LoudBlocks} loud blocks, share at 1200 Hz {atPhoneTone.Share:F3}, strongest {strongest} Hz"));
        Assert.True(atPhoneTone.LoudBlocks >= 3, $"the phone heard only {atPhoneTone.LoudBlocks} loud 20 ms blocks of Chromium's beeps ({samples.Length} samples at {rate} Hz)");
        Assert.True(atPhoneTone.Share < 0.1, $"the phone hears its own 1200 Hz back (share {atPhoneTone.Share:F3}), not Chromium's beeps");
        Assert.True(Math.Abs(strongest - ChromiumBeep) <= 20, $"the phone's recording peaks at {strongest} Hz, not at Chromium's {ChromiumBeep} Hz beep");
    }

    /// <summary>
    /// Registers baresip as demo SIP device <paramref name="device"/>'s phone, has the city dispatcher's browser call
    /// that worker, waits until the browser <paramref name="hears"/> the phone, hangs up, checks the BYE and the call
    /// record, and returns the browser's last status and what the phone recorded.
    /// </summary>
    private static async Task<(JsonNode Heard, double[] Samples, int Rate)> CallThePhone(int device,
        Func<NetworkNamespace, string, Task<PeerProcess>> startBrowser, Func<JsonNode, bool> hears)
    {
        Assert.True(File.Exists(Media.Baresip.Binary), $"{Media.Baresip.Binary} is missing: run build/ensure-tools.sh test (Debian package baresip).");
        using var space = NetworkNamespace.Create();
        using var app = new BaresipCallNode(space.HostAddress);
        await app.WaitUntilReady(TimeSpan.FromMinutes(3));
        var sip = app.Services.GetServices<IHostedService>().OfType<SipListenerService>().Single().UdpEndPoint!;

        var (workerId, devices) = DemoFacts.Snapshot.SipDevices.OrderBy(kv => kv.Key, StringComparer.Ordinal).ElementAt(device);
        var username = devices.Single().Username;
        await using var phone = Media.Baresip.Start(sip, username, DemoSipDevices.DemoSipPassword(workerId), Media.Baresip.FreeSipPort(), PhoneTone, record: true, g711Only: true);
        await phone.WaitForOutput("200 OK", Generous); // registered

        await using var dispatcher = await HubClients.LoggedIn(app, "dispatcher", $"console-e2e-baresip-{device}");
        await dispatcher.ConnectAsync();
        var seen = new CallEventsSeen(dispatcher);
        using var browser = await startBrowser(space, phone.Folder);

        var started = await dispatcher.StartCallAsync(workerId, (string)(await browser.Read("offer", Generous))!);
        Assert.Equal(["sip:" + username], started.Call.DevicesRang);
        await browser.Write("answer", started.SdpAnswer);
        var answered = await seen.Next("callAnswered", started.CallId, Generous);
        Assert.Equal("sip:" + username, answered.AnsweredDevice);
        await phone.WaitForOutput("Call established", Generous);

        var heard = await Status(browser, hears, "the browser hearing the phone's 1200 Hz", phone);
        Assert.Equal("connected", (string?)heard["state"]);
        // Let the phone record a few seconds of the browser's sound.
        await Task.Delay(TimeSpan.FromSeconds(3));

        await dispatcher.HangUpAsync(started.CallId);
        var ended = await seen.Next("callEnded", started.CallId, Generous);
        // libre reports a BYE from the peer as "session closed: Connection reset by peer".
        await phone.WaitForOutput("session closed: Connection reset by peer", Generous);
        await browser.Write("stop", "");

        Assert.Equal(("answered", "sip:" + username), (ended.Outcome, ended.AnsweredDevice));
        var record = await dispatcher.GetCallAsync(started.CallId);
        Assert.Equal(("ended", "answered", "sip:" + username), (record.State, record.Outcome, record.AnsweredDevice));
        Assert.NotNull(record.AnsweredAt);

        var recording = phone.HeardRecording;
        Assert.True(recording is not null, "baresip wrote no recording of what it heard:\n" + phone.Output);
        var (samples, rate) = HeardTone.ReadWav(recording);
        return (heard, samples, rate);
    }

    private static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "WebRtc", "Scripts", name);

    private static async Task<JsonNode> Status(PeerProcess peer, Func<JsonNode, bool> done, string what, Media.Baresip phone)
    {
        var deadline = DateTime.UtcNow + Generous;
        JsonNode? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await peer.Read("status", Generous);
            if (done(last))
            {
                return last;
            }
        }
        throw new TimeoutException($"No {what} within {Generous}: last {last}\nbrowser stderr:\n{peer.StandardError}\nbaresip:\n{phone.Output}");
    }

    /// <summary>
    /// The demo county with SIP on a free port (MD5 digest: baresip 1.0 cannot take a SHA-256 challenge), the WebRTC
    /// host on the namespace's address, and SIP RTP on loopback in a port range of this process's own.
    /// </summary>
    private sealed class BaresipCallNode(string mediaAddress) : DispatchAppFactory(demoData: true)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            var invariant = CultureInfo.InvariantCulture;
            var minPort = 30000 + (Environment.ProcessId % 1000 * 20);
            builder.UseSetting("Dispatch:Sip:Enabled", "true");
            builder.UseSetting("Dispatch:Sip:Port", "0");
            builder.UseSetting("Dispatch:Sip:DigestAlgorithms", "MD5");
            builder.UseSetting("Dispatch:WebRtc:Address", mediaAddress);
            builder.UseSetting("Dispatch:WebRtc:PublicAddress", mediaAddress);
            builder.UseSetting("Dispatch:Rtp:Address", IPAddress.Loopback.ToString());
            builder.UseSetting("Dispatch:Rtp:PublicAddress", IPAddress.Loopback.ToString());
            builder.UseSetting("Dispatch:Rtp:MinPort", minPort.ToString(invariant));
            builder.UseSetting("Dispatch:Rtp:MaxPort", (minPort + 19).ToString(invariant));
        }
    }
}
