using Dispatch.Client;

namespace Dispatch.Gateway.Tests.WebRtc;

/// <summary>
/// Real peers against the echo endpoint of a real gateway: each runs in a network namespace of its own
/// (neither gathers loopback candidates), gets its answer through the hub's <c>EchoOffer</c>, and must decode
/// its own audio and video coming back over SRTP on the gateway's UDP host.
/// </summary>
public sealed class EchoInteropTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Headless_chromium_decodes_its_own_audio_and_video_from_the_echo()
    {
        var playwright = await PlaywrightCore.EnsureInstalled();
        using var space = NetworkNamespace.Create();
        await using var gateway = new EchoGateway(space.HostAddress);
        await using var hub = await gateway.AdminOnHub();
        var wrapper = Path.Combine(gateway.DataFolder, "chromium-in-" + space.Name);
        await File.WriteAllTextAsync(wrapper, $"#!/bin/sh\nexec ip netns exec {space.Name} /usr/bin/chromium \"$@\"\n");
        Assert.False(OperatingSystem.IsWindows(), "network namespaces need Linux");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var chromium = new PeerProcess("node", $"{Script("chromium-echo.js")} {playwright} {wrapper}");

        var offer = (string)(await chromium.Read("offer", Generous))!;
        Assert.Contains("m=video", offer);
        var answer = await EchoGateway.EchoOffer(hub, offer);
        Assert.Contains($"{space.HostAddress} ", answer);
        await chromium.Write("answer", answer);
        var result = await chromium.Read("result", Generous);

        Assert.True((int)result["framesDecoded"]! > 0, $"no video frame decoded: {result}\n{chromium.StandardError}");
        Assert.True((int)result["audioPacketsReceived"]! > 0, $"no audio packet received: {result}\n{chromium.StandardError}");
    }

    [Fact]
    public async Task Aiortc_decodes_its_own_audio_and_video_from_the_echo()
    {
        using var space = NetworkNamespace.Create();
        await using var gateway = new EchoGateway(space.HostAddress);
        await using var hub = await gateway.AdminOnHub();
        // Debian's python3-aiortc is importable only by /usr/bin/python3, not by the python3 first on PATH.
        using var aiortc = new PeerProcess("ip", $"netns exec {space.Name} /usr/bin/python3 {Script("aiortc-echo.py")}");

        var offer = (string)(await aiortc.Read("offer", Generous))!;
        var answer = await EchoGateway.EchoOffer(hub, offer);
        await aiortc.Write("answer", answer);
        var result = await aiortc.Read("result", Generous);

        Assert.True((int)result["videoFramesDecoded"]! > 0, $"no video frame decoded: {result}\n{aiortc.StandardError}");
        Assert.True((int)result["audioFramesDecoded"]! > 0, $"no audio frame decoded: {result}\n{aiortc.StandardError}");
    }

    [Fact]
    public async Task The_web_client_camera_and_microphone_test_passes_in_chromium()
    {
        var playwright = await PlaywrightCore.EnsureInstalled();
        using var space = NetworkNamespace.Create();
        var data = Directory.CreateTempSubdirectory("dispatch-echo-web-").FullName;
        try
        {
            // A real process: the page needs HTTP and the hub's WebSocket on an address the namespace reaches.
            await using var gateway = System.GatewayProcess.Start(data,
                $"--Urls=http://127.0.0.1:{{httpPort}};http://{space.HostAddress}:{{httpPort}}",
                "--Dispatch:DemoData=false",
                $"--Dispatch:SiloPort={Support.FreePort.Next()}",
                $"--Dispatch:GatewayPort={Support.FreePort.Next()}",
                $"--Dispatch:WebRtc:Address={space.HostAddress}");
            await gateway.WaitUntilReady(TimeSpan.FromSeconds(60));
            var wrapper = Path.Combine(data, "chromium-in-" + space.Name);
            await File.WriteAllTextAsync(wrapper, $"#!/bin/sh\nexec ip netns exec {space.Name} /usr/bin/chromium \"$@\"\n");
            Assert.False(OperatingSystem.IsWindows(), "network namespaces need Linux");
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var origin = $"http://{space.HostAddress}:{gateway.HttpPort}";
            using var chromium = new PeerProcess("node",
                $"{Script("chromium-web-client-echo.js")} {playwright} {wrapper} {origin} admin {Support.DispatchAppFactory.AdminPassword}");

            var result = await chromium.Read("result", Generous);

            Assert.Equal("测试摄像头和麦克风", (string?)result["label"]);
            Assert.True((string?)result["state"] == "ok", $"the page's test did not pass: {result}\n{gateway.Log}");
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "WebRtc", "Scripts", name);
}
