using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dispatch.Client;
using Dispatch.Gateway.Tests.Support;
using Dispatch.Gateway.Tests.System;
using Dispatch.Gateway.Tests.WebRtc;
using Dispatch.Silo.Grid.Demo;
using Xunit.Abstractions;
using BaresipPhone = Dispatch.Gateway.Tests.Media.Baresip;

namespace Dispatch.Gateway.Tests.Calls;

/// <summary>
/// Issue 6, "video to a SIP phone that offers H.264 (passed through)", with every part real: a gateway process (demo
/// county, real media plane), the dispatcher's call page in headless Chromium (fake camera), and the worker's only
/// device, a baresip video phone (H.264 by libx264/FFmpeg, the fakevideo camera and display, auto-answer). The
/// dispatcher calls the worker; the phone answers the H.264 section; the node passes the video through both ways.
/// Proof on each side: Chromium's getStats decodes H.264 from the phone; baresip's snapshot filter writes a frame it
/// decoded with the browser's picture shape (4:3, not its own 352x288); baresip's RTCP reports about our video stream
/// reach the node's plain RTP leg, which logs them.
/// </summary>
public sealed partial class CallPageAndVideoPhoneTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task The_dispatcher_page_and_an_H264_desk_phone_see_each_others_video()
    {
        Assert.True(File.Exists(BaresipPhone.Binary), $"{BaresipPhone.Binary} is missing: run build/ensure-tools.sh test (Debian package baresip).");
        Assert.True(File.Exists("/usr/lib/baresip/modules/avcodec.so"), "baresip's avcodec module is missing: run build/ensure-tools.sh test (Debian package baresip-ffmpeg).");
        var (workerId, devices) = DemoFacts.Snapshot.SipDevices.OrderBy(kv => kv.Key, StringComparer.Ordinal).ElementAt(61);
        var username = devices.Single().Username;
        const string dispatcherLogin = "dispatcher";
        var playwright = await PlaywrightCore.EnsureInstalled();
        using var space = NetworkNamespace.Create();
        var data = Directory.CreateTempSubdirectory("dispatch-call-video-phone-").FullName;
        try
        {
            await using var node = await PhoneCallNode.Start(data, space, rtpBase: 34000);
            var (gateway, sipPort) = (node.Gateway, node.SipPort);

            // Answered through its control socket (which the snapshot command needs as well).
            await using var phone = BaresipPhone.Start(new IPEndPoint(IPAddress.Loopback, sipPort), username,
                DemoSipDevices.DemoSipPassword(workerId), BaresipPhone.FreeSipPort(), toneHz: 1200, g711Only: true, answerManually: true, h264Video: true);
            await phone.WaitForOutput("200 OK", Generous);

            var wrapper = await PhoneCallNode.ChromiumWrapper(data, space);
            var origin = $"http://{space.HostAddress}:{gateway.HttpPort}";
            using var page = new PeerProcess("node", string.Join(' ',
                Script("chromium-call-page-video-phone.js"), playwright, wrapper, origin, dispatcherLogin, workerId, DemoCountyFixture.Password));
            await page.Read("ready", Generous);

            await page.Write("call", "");
            var callId = (string)(await page.Read("calling", Generous))["callId"]!;
            await phone.WaitForOutput("Incoming call", Generous);
            await phone.Command("accept", Generous);
            await phone.WaitForOutput("Call established", Generous);

            // The browser decodes the phone's H.264.
            JsonNode video;
            try
            {
                await page.Write("video", "");
                video = await page.Read("video", Generous);
            }
            catch (Exception)
            {
                output.WriteLine("gateway:\n" + gateway.Log + "\nbaresip:\n" + phone.Output);
                throw;
            }
            output.WriteLine("dispatcher page: " + video.ToJsonString());
            var inbound = video["inbound"]!;
            var outbound = video["outbound"]!;
            Assert.Equal("video/H264", (string?)inbound["codec"]);
            Assert.True((int)inbound["framesDecoded"]! > 10, video.ToJsonString());
            Assert.Equal("video/H264", (string?)outbound["codec"]);
            // The phone's own picture size: the fakevideo camera at video_size 352x288.
            Assert.Equal((352, 288), ((int)inbound["frameWidth"]!, (int)inbound["frameHeight"]!));

            // The phone decodes the browser's H.264: a frame it decoded, written by baresip's snapshot filter.
            var snapshot = Path.Combine(phone.Folder, "received.png");
            await phone.Command("snapshot_recv", Generous, snapshot);
            await phone.WaitForOutput("png: wrote " + snapshot, Generous);
            var (width, height) = PngSize(snapshot);
            output.WriteLine($"phone decoded a {width}x{height} frame; Chromium sends {outbound["frameWidth"]}x{outbound["frameHeight"]}");
            Assert.True(width > 0 && height > 0, $"snapshot {width}x{height}");
            Assert.Equal((long)width * (int)outbound["frameHeight"]!, (long)height * (int)outbound["frameWidth"]!);

            // The phone's RTCP reception reports about the video we forward it reach the node's plain RTP leg.
            var firstReport = await LogLine(gateway, FirstReport(), callId);
            output.WriteLine("gateway: " + firstReport.Value);
            Assert.Contains("passes H.264 through", gateway.Log, StringComparison.Ordinal);

            await page.Write("hangUp", "");
            await page.Read("ended", Generous);
            await phone.WaitForOutput("session closed", Generous);
            var totals = await LogLine(gateway, Totals(), callId);
            await page.Write("stop", "");
            output.WriteLine("gateway: " + totals.Value);
            var sent = long.Parse(totals.Groups["sent"].Value, CultureInfo.InvariantCulture);
            var received = long.Parse(totals.Groups["received"].Value, CultureInfo.InvariantCulture);
            var reports = long.Parse(totals.Groups["reports"].Value, CultureInfo.InvariantCulture);
            var lost = long.Parse(totals.Groups["lost"].Value, CultureInfo.InvariantCulture);
            // Every phone packet Chromium counted went through the node's video leg; the phone's own reports say our video
            // reached it with little loss.
            Assert.True(received >= (int)inbound["packetsReceived"]! && sent > 0, totals.Value + " / " + video.ToJsonString());
            Assert.True(reports >= 1 && lost * 10 < sent, totals.Value);

            var http = await gateway.ClientFor(dispatcherLogin, DemoCountyFixture.Password);
            var record = await http.GetFromJsonAsync<CallInfo>($"/api/calls/{callId}");
            Assert.Equal(("ended", "answered", "sip:" + username), (record!.State, record.Outcome, record.AnsweredDevice));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>Width and height from a PNG's IHDR chunk (PNG spec §11.2.2: right after the 8-byte signature and chunk header).</summary>
    private static (int Width, int Height) PngSize(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 24 && bytes[1] == (byte)'P' && bytes[12] == (byte)'I', $"{path} is not a PNG");
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }

    private static async Task<Match> LogLine(GatewayProcess gateway, Regex pattern, string callId)
    {
        var deadline = DateTime.UtcNow + Generous;
        for (;;)
        {
            var match = pattern.Matches(gateway.Log).FirstOrDefault(m => m.Groups["call"].Value == callId);
            if (match is not null)
            {
                return match;
            }
            Assert.True(DateTime.UtcNow < deadline, $"the gateway never logged {pattern} for {callId}:\n{gateway.Log}");
            await Task.Delay(200);
        }
    }

    [GeneratedRegex(@"Call (?<call>\S+): SIP leg phone video: first reception report from the phone, extended highest sequence (?<highest>\d+), lost (?<lost>-?\d+)")]
    private static partial Regex FirstReport();

    [GeneratedRegex(@"Call (?<call>\S+): SIP leg phone video totals: sent (?<sent>\d+) RTP packets, received (?<received>\d+), key frame requests (?<keyframes>\d+), phone reports (?<reports>\d+) \(last: extended highest sequence (?<highest>\d+), lost (?<lost>-?\d+)\)")]
    private static partial Regex Totals();

    private static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "WebRtc", "Scripts", name);
}
