using System.Globalization;
using System.Net.Http.Json;
using Dispatch.Client;
using Dispatch.Contracts.Org;
using Dispatch.Gateway.Tests.Support;
using Dispatch.Gateway.Tests.System;
using Dispatch.Gateway.Tests.WebRtc;
using Xunit.Abstractions;

namespace Dispatch.Gateway.Tests.Calls;

/// <summary>
/// Issue 6, the headline: a real gateway process with the demo county, the two call pages in headless Chromium
/// (two browser contexts, fake camera and microphone, inside a network namespace because Chromium gathers no
/// loopback candidate). The dispatcher clicks call, the worker's page rings and answers, each page decodes the
/// other's video and audio through the media node's forwarder, hanging up ends both, and the record says so.
/// <para>
/// Benchmark switch: <c>DISPATCH_CALL_ROUNDS=20</c> repeats the call and prints click-to-first-remote-frame p50/p95
/// (docs/benchmarks.md); the suite runs one round.
/// </para>
/// </summary>
public sealed class CallBrowserTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task A_dispatcher_calls_a_worker_in_the_browser_both_decode_each_others_video_and_audio_and_hanging_up_ends_both()
    {
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("DISPATCH_CALL_ROUNDS"), out var n) && n > 0 ? n : 1;
        var worker = DemoFacts.WorkerUnder(DemoFacts.TownCode(1), WorkerRole.FullTimeGridWorker);
        const string dispatcher = "dispatcher.t01";
        var playwright = await PlaywrightCore.EnsureInstalled();
        using var space = NetworkNamespace.Create();
        var data = Directory.CreateTempSubdirectory("dispatch-call-pages-").FullName;
        try
        {
            await using var gateway = GatewayProcess.Start(data,
                $"--Urls=http://127.0.0.1:{{httpPort}};http://{space.HostAddress}:{{httpPort}}",
                $"--Dispatch:SiloPort={FreePort.Next()}",
                $"--Dispatch:GatewayPort={FreePort.Next()}",
                $"--Dispatch:WebRtc:Address={space.HostAddress}");
            await gateway.WaitUntilReady(TimeSpan.FromMinutes(2));
            var wrapper = Path.Combine(data, "chromium-in-" + space.Name);
            await File.WriteAllTextAsync(wrapper, $"#!/bin/sh\nexec ip netns exec {space.Name} /usr/bin/chromium \"$@\"\n");
            Assert.False(OperatingSystem.IsWindows(), "network namespaces need Linux");
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var origin = $"http://{space.HostAddress}:{gateway.HttpPort}";
            using var chromium = new PeerProcess("node", string.Join(' ',
                Script("chromium-call-pages.js"), playwright, wrapper, origin, dispatcher, worker.Phone, worker.Id,
                DemoCountyFixture.Password, rounds.ToString(CultureInfo.InvariantCulture)));

            var result = await chromium.Read("result", Generous * rounds);

            var played = result["rounds"]!.AsArray();
            Assert.Equal(rounds, played.Count);
            var http = await gateway.ClientFor(dispatcher, DemoCountyFixture.Password);
            foreach (var round in played)
            {
                Assert.False(string.IsNullOrWhiteSpace((string?)round!["ringText"]), "the worker's page shows who calls");
                Assert.Equal("connected", (string?)round["statesWhileConnected"]!["dispatcher"]);
                Assert.Equal("connected", (string?)round["statesWhileConnected"]!["worker"]);
                foreach (var side in new[] { "atDispatcher", "atWorker" })
                {
                    Assert.True((int)round[side]!["framesDecoded"]! > 10, $"{side}: {round[side]}");
                    Assert.True((int)round[side]!["audioPackets"]! > 50, $"{side}: {round[side]}");
                    Assert.True((double)round[side]!["audioEnergy"]! > 0, $"{side}: {round[side]}");
                }
                Assert.Equal("answered", (string?)round["outcomes"]!["dispatcher"]);
                Assert.Equal("answered", (string?)round["outcomes"]!["worker"]);
                // The dispatcher hung up: the worker's page says so in Chinese (its default), with the dispatcher's name.
                Assert.EndsWith(" 已挂断", (string?)round["workerReason"]);
                var record = await http.GetFromJsonAsync<CallInfo>($"/api/calls/{(string?)round["callId"]}");
                Assert.Equal(("ended", "answered"), (record!.State, record.Outcome));
                Assert.Equal(worker.Id, record.Callee.WorkerId);
                Assert.StartsWith("web-", record.AnsweredDevice);
                Assert.True(record.DurationSeconds > 0, $"duration {record.DurationSeconds}");
            }
            var firstFrames = played.Select(r => (double)r!["clickToFirstFrameMs"]!).Order().ToArray();
            output.WriteLine($"click to first remote video frame over {firstFrames.Length} calls: " +
                $"p50 {Percentile(firstFrames, 50):F0} ms, p95 {Percentile(firstFrames, 95):F0} ms, " +
                $"min {firstFrames[0]:F0} ms, max {firstFrames[^1]:F0} ms; all: {string.Join(", ", firstFrames.Select(f => f.ToString("F0", CultureInfo.InvariantCulture)))}");
            output.WriteLine(chromium.StandardError);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static double Percentile(double[] sorted, int p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "WebRtc", "Scripts", name);
}
