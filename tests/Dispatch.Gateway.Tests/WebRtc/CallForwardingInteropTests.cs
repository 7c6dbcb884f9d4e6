using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Dispatch.Gateway.Calls;

namespace Dispatch.Gateway.Tests.WebRtc;

/// <summary>
/// Two real aiortc peers, each in a network namespace of its own, each on its own leg of one call on a real node,
/// joined by the forwarder. Each sends a picture of its own size and a tone of its own pitch, so each can prove it
/// decodes the OTHER one's video and audio (an echo would show its own).
/// <code>
///   aiortc A (320x240, 440 Hz) ── ns A ── 10.77.a.1 (node UDP host) ── leg "caller" ═ forwarder ═ leg "callee" ── 10.77.b.1 ── ns B ── aiortc B (640x480, 880 Hz)
/// </code>
/// </summary>
public sealed class CallForwardingInteropTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Two_aiortc_peers_decode_each_others_video_and_audio_and_recover_from_a_two_second_network_loss()
    {
        using var spaceA = NetworkNamespace.Create();
        using var spaceB = NetworkNamespace.Create();
        var node = spaceA.HostAddress;
        NetworkControl.RouteTo(spaceB, node);
        await using var gateway = new CallMediaGateway(node);
        var plane = gateway.Plane;
        var dropped = new ConcurrentQueue<CallLegDropped>();
        plane.LegDropped += dropped.Enqueue;
        using var peerA = new PeerProcess("ip", $"netns exec {spaceA.Name} /usr/bin/python3 {Script("aiortc-call.py")} 320 240 440");
        using var peerB = new PeerProcess("ip", $"netns exec {spaceB.Name} /usr/bin/python3 {Script("aiortc-call.py")} 640 480 880");
        try
        {
            var answerA = plane.OpenWebRtcLeg("call-1", "caller", (string)(await peerA.Read("offer", Generous))!);
            var answerB = plane.OpenWebRtcLeg("call-1", "callee", (string)(await peerB.Read("offer", Generous))!);
            plane.Join("call-1", "caller", "callee");
            await peerA.Write("answer", answerA);
            await peerB.Write("answer", answerB);

            var before = await Both(peerA, peerB, (a, b) => DecodesOther(a, 640, 880) && DecodesOther(b, 320, 440), "each decodes the other's picture and tone");

            NetworkControl.Blackout(spaceB);
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(2));
            }
            finally
            {
                NetworkControl.Restore(spaceB);
            }
            var restored = await Both(peerA, peerB, (_, _) => true, "a status after the loss");
            var after = await Both(peerA, peerB,
                (a, b) => Count(a, "video") >= Count(restored.A, "video") + 15 && Count(b, "video") >= Count(restored.B, "video") + 15
                    && Count(a, "audio") >= Count(restored.A, "audio") + 25 && Count(b, "audio") >= Count(restored.B, "audio") + 25,
                "frames flowing again both ways after the loss", dropped);

            Assert.True(DecodesOther(after.A, 640, 880), $"A after the loss: {after.A}");
            Assert.True(DecodesOther(after.B, 320, 440), $"B after the loss: {after.B}");
            Assert.True(Count(after.A, "video") > Count(before.A, "video") && Count(after.B, "video") > Count(before.B, "video"));
            Assert.Empty(dropped);
        }
        finally
        {
            NetworkControl.Clean(spaceB);
            plane.Close("call-1");
        }
    }

    [Fact]
    public async Task Chromium_and_aiortc_decode_each_others_media_and_chromium_recovers_from_a_two_second_network_loss()
    {
        var playwright = await PlaywrightCore.EnsureInstalled();
        using var spaceA = NetworkNamespace.Create();
        using var spaceB = NetworkNamespace.Create();
        var node = spaceA.HostAddress;
        NetworkControl.RouteTo(spaceB, node);
        await using var gateway = new CallMediaGateway(node);
        var plane = gateway.Plane;
        var dropped = new ConcurrentQueue<CallLegDropped>();
        plane.LegDropped += dropped.Enqueue;
        var wrapper = Path.Combine(gateway.DataFolder, "chromium-in-" + spaceA.Name);
        await File.WriteAllTextAsync(wrapper, $"#!/bin/sh\nexec ip netns exec {spaceA.Name} /usr/bin/chromium \"$@\"\n");
        Assert.False(OperatingSystem.IsWindows(), "network namespaces need Linux");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var browser = new PeerProcess("node", $"{Script("chromium-call.js")} {playwright} {wrapper}");
        using var aiortc = new PeerProcess("ip", $"netns exec {spaceB.Name} /usr/bin/python3 {Script("aiortc-call.py")} 320 240 880");
        try
        {
            var answerA = plane.OpenWebRtcLeg("call-1", "dispatcher", (string)(await browser.Read("offer", Generous))!);
            var answerB = plane.OpenWebRtcLeg("call-1", "worker", (string)(await aiortc.Read("offer", Generous))!);
            plane.Join("call-1", "dispatcher", "worker");
            await browser.Write("answer", answerA);
            await aiortc.Write("answer", answerB);

            // Chromium's fake camera is 640x480 and its fake microphone beeps: aiortc must see that size and sound;
            // Chromium must decode aiortc's 320x240 picture and hear its tone.
            var before = await Both(browser, aiortc,
                (c, a) => Count(c, "video") > 0 && (int)c["width"]! == 320 && Math.Abs((double)c["audioHz"]! - 880) < 88
                    && Count(a, "video") > 0 && (int)a["width"]! == 640 && (double)a["maxLevel"]! > 100,
                "Chromium and aiortc each decoding the other's media");

            NetworkControl.Blackout(spaceA);
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(2));
            }
            finally
            {
                NetworkControl.Restore(spaceA);
            }
            var restored = await Both(browser, aiortc, (_, _) => true, "a status after the loss");
            var after = await Both(browser, aiortc,
                (c, a) => Count(c, "video") >= Count(restored.A, "video") + 15 && Count(a, "video") >= Count(restored.B, "video") + 15
                    && Count(c, "audio") >= Count(restored.A, "audio") + 25 && Count(a, "audio") >= Count(restored.B, "audio") + 25,
                "frames flowing again both ways after the loss", dropped);

            Assert.Equal("connected", (string?)after.A["state"]);
            Assert.True(Count(after.A, "video") > Count(before.A, "video") && Count(after.B, "video") > Count(before.B, "video"));
            Assert.Empty(dropped);
        }
        finally
        {
            NetworkControl.Clean(spaceA);
            plane.Close("call-1");
        }
    }

    /// <summary>Reads both peers' status lines until <paramref name="done"/> holds for the latest pair.</summary>
    private static async Task<(JsonNode A, JsonNode B)> Both(PeerProcess a, PeerProcess b, Func<JsonNode, JsonNode, bool> done, string what,
        IEnumerable<CallLegDropped>? dropped = null)
    {
        var deadline = DateTime.UtcNow + Generous;
        JsonNode? lastA = null, lastB = null;
        while (DateTime.UtcNow < deadline)
        {
            lastA = await a.Read("status", Generous);
            lastB = await b.Read("status", Generous);
            if (done(lastA, lastB))
            {
                return (lastA, lastB);
            }
        }
        throw new TimeoutException($"No {what} within {Generous} (legs dropped: {string.Join("; ", dropped ?? [])}): A {lastA}, B {lastB}\nA stderr:\n{a.StandardError}\nB stderr:\n{b.StandardError}");
    }

    /// <summary>The peer decodes video of the other's size and audio whose strongest frequency is the other's tone (±10 %).</summary>
    private static bool DecodesOther(JsonNode status, int width, double tone) =>
        Count(status, "video") > 0 && (int)status["width"]! == width
        && Count(status, "audio") > 0 && Math.Abs((double)status["freq"]! - tone) < tone * 0.1;

    private static int Count(JsonNode status, string kind) => (int)status[kind]!;

    private static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "WebRtc", "Scripts", name);
}
