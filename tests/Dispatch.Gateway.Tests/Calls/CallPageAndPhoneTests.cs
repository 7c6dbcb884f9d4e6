using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Dispatch.Client;
using Dispatch.Gateway.Tests.Support;
using Dispatch.Gateway.Tests.System;
using Dispatch.Gateway.Tests.WebRtc;
using Dispatch.Silo.Grid.Demo;
using Xunit.Abstractions;
using BaresipPhone = Dispatch.Gateway.Tests.Media.Baresip;

namespace Dispatch.Gateway.Tests.Calls;

/// <summary>
/// Issue 6, "both ring", with every part real: a gateway process (demo county, real media plane), the dispatcher's and
/// the worker's call pages in headless Chromium, and the worker's baresip desk phone registered with digest. The
/// dispatcher clicks call twice. First the worker's page answers: the phone, ringing as well, gets a CANCEL and the
/// pages decode each other's video. Then the phone answers: the page stops ringing and says where the call was
/// answered, and the dispatcher's page receives the phone's audio through the bridge.
/// </summary>
public sealed class CallPageAndPhoneTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task The_worker_page_and_desk_phone_both_ring_and_whichever_answers_first_stops_the_other()
    {
        Assert.True(File.Exists(BaresipPhone.Binary), $"{BaresipPhone.Binary} is missing: run build/ensure-tools.sh test (Debian package baresip).");
        var (workerId, devices) = DemoFacts.Snapshot.SipDevices.OrderBy(kv => kv.Key, StringComparer.Ordinal).ElementAt(59);
        var username = devices.Single().Username;
        var worker = DemoFacts.Snapshot.Workers.Single(w => w.Id == workerId);
        const string dispatcherLogin = "dispatcher";
        var playwright = await PlaywrightCore.EnsureInstalled();
        using var space = NetworkNamespace.Create();
        var data = Directory.CreateTempSubdirectory("dispatch-call-page-phone-").FullName;
        try
        {
            await using var node = await PhoneCallNode.Start(data, space, rtpBase: 32000);
            var (gateway, sipPort) = (node.Gateway, node.SipPort);

            await using var phone = BaresipPhone.Start(new IPEndPoint(IPAddress.Loopback, sipPort), username,
                DemoSipDevices.DemoSipPassword(workerId), BaresipPhone.FreeSipPort(), toneHz: 1200, g711Only: true, answerManually: true);
            await phone.WaitForOutput("200 OK", Generous);

            var wrapper = await PhoneCallNode.ChromiumWrapper(data, space);
            var origin = $"http://{space.HostAddress}:{gateway.HttpPort}";
            using var pages = new PeerProcess("node", string.Join(' ',
                Script("chromium-call-pages-phone.js"), playwright, wrapper, origin, dispatcherLogin, worker.Phone, worker.Id,
                DemoCountyFixture.Password));
            await pages.Read("ready", Generous);
            var http = await gateway.ClientFor(dispatcherLogin, DemoCountyFixture.Password);

            // 1. Both ring; the page answers; the phone is cancelled.
            await pages.Write("call", "");
            var first = await pages.Read("ringing", Generous);
            await phone.WaitForOutput("Incoming call", Generous);
            await pages.Write("answerPage", "");
            var connected = await pages.Read("connected", Generous);
            // baresip 1.0 prints the same words for a CANCEL and a BYE; a call that ends while it still rings, never
            // established, is one the caller cancelled (the B2BUA's CANCEL to a losing fork: CallPhoneTests sees it in sipp).
            await phone.WaitForOutput("session closed", Generous);
            Assert.DoesNotContain("Call established", phone.Output);
            await pages.Write("hangUp", "");
            var firstEnded = await pages.Read("ended", Generous);
            var firstRecord = await http.GetFromJsonAsync<CallInfo>($"/api/calls/{(string?)first["callId"]}");
            output.WriteLine($"page answered: {connected.ToJsonString()}; ended: {firstEnded.ToJsonString()}");

            Assert.False(string.IsNullOrWhiteSpace((string?)first["text"]), "the worker's page shows who calls");
            Assert.True((int)connected["atDispatcher"]!["framesDecoded"]! > 10 && (int)connected["atWorker"]!["framesDecoded"]! > 10, connected.ToJsonString());
            Assert.Equal(("ended", "answered"), (firstRecord!.State, firstRecord.Outcome));
            Assert.StartsWith("web-", firstRecord.AnsweredDevice);
            Assert.Contains("sip:" + username, firstRecord.DevicesRang);
            Assert.Contains(firstRecord.DevicesRang, d => d.StartsWith("web-", StringComparison.Ordinal));

            // 2. Both ring; the phone answers; the page stops ringing.
            await pages.Write("call", "");
            var second = await pages.Read("ringing", Generous);
            await WaitForCount(phone, "Incoming call", 2);
            var accepted = await phone.Command("accept", Generous);
            await pages.Write("watchElsewhere", "");
            var stopped = await pages.Read("stopped", Generous);
            await pages.Write("dispatcherHears", "");
            var heard = await pages.Read("heard", Generous);
            await pages.Write("hangUp", "");
            var secondEnded = await pages.Read("ended", Generous);
            await WaitForCount(phone, "session closed", 2); // the BYE after the dispatcher hung up
            Assert.Equal(1, Occurrences(phone.Output, "Call established"));
            await pages.Write("stop", "");
            var secondRecord = await http.GetFromJsonAsync<CallInfo>($"/api/calls/{(string?)second["callId"]}");
            output.WriteLine($"phone answered ({accepted.Trim()}): page {stopped.ToJsonString()}; dispatcher {heard.ToJsonString()}; ended: {secondEnded.ToJsonString()}");

            Assert.Equal("answered_elsewhere", (string?)stopped["outcome"]);
            Assert.False((bool)stopped["ringing"]!);
            Assert.Contains("sip:" + username, (string?)stopped["reason"] + (string?)stopped["text"]);
            Assert.True((int)heard["audioPackets"]! > 50, heard.ToJsonString());
            // The caller's page sent H.264 (the worker has a SIP account), so the phone was offered video; this desk
            // phone has no video codec, declines it with port 0, and the call is audio only as before.
            Assert.Contains($"Call {(string?)second["callId"]}: SIP leg phone is audio only: the phone declined video", gateway.Log, StringComparison.Ordinal);
            Assert.Equal(("ended", "answered", "sip:" + username), (secondRecord!.State, secondRecord.Outcome, secondRecord.AnsweredDevice));
            Assert.Contains(secondRecord.DevicesRang, d => d.StartsWith("web-", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task WaitForCount(BaresipPhone phone, string text, int count)
    {
        var deadline = DateTime.UtcNow + Generous;
        while (Occurrences(phone.Output, text) < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"baresip printed '{text}' fewer than {count} times:\n{phone.Output}");
            await Task.Delay(100);
        }
    }

    private static int Occurrences(string haystack, string needle)
    {
        var count = 0;
        for (var at = haystack.IndexOf(needle, StringComparison.Ordinal); at >= 0; at = haystack.IndexOf(needle, at + needle.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }

    private static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "WebRtc", "Scripts", name);
}
