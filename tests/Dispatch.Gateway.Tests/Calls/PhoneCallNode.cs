using System.Globalization;
using Dispatch.Gateway.Tests.Support;
using Dispatch.Gateway.Tests.System;
using Dispatch.Gateway.Tests.WebRtc;
using BaresipPhone = Dispatch.Gateway.Tests.Media.Baresip;

namespace Dispatch.Gateway.Tests.Calls;

/// <summary>
/// A gateway process for the tests where call pages in Chromium meet a baresip phone: the demo county, SIP on a port
/// free on UDP and TCP (MD5 digest: baresip 1.0 cannot answer a SHA-256 challenge), WebRTC on the network namespace's
/// host address, SIP RTP on loopback in 20 ports from <c>rtpBase</c> shifted by this process's id; and the wrapper
/// that starts Chromium inside the namespace.
/// </summary>
internal sealed class PhoneCallNode(GatewayProcess gateway, int sipPort) : IAsyncDisposable
{
    public GatewayProcess Gateway => gateway;

    /// <summary>Where phones register and send INVITEs' answers (127.0.0.1, UDP).</summary>
    public int SipPort => sipPort;

    public ValueTask DisposeAsync() => gateway.DisposeAsync();

    public static async Task<PhoneCallNode> Start(string dataFolder, NetworkNamespace space, int rtpBase)
    {
        var sipPort = BaresipPhone.FreeSipPort(); // the node listens on UDP and TCP
        var rtpPort = rtpBase + (Environment.ProcessId % 1000 * 20);
        var gateway = GatewayProcess.Start(dataFolder,
            $"--Urls=http://127.0.0.1:{{httpPort}};http://{space.HostAddress}:{{httpPort}}",
            $"--Dispatch:SiloPort={FreePort.Next()}",
            $"--Dispatch:GatewayPort={FreePort.Next()}",
            $"--Dispatch:WebRtc:Address={space.HostAddress}",
            "--Dispatch:Sip:Enabled=true",
            string.Create(CultureInfo.InvariantCulture, $"--Dispatch:Sip:Port={sipPort}"),
            "--Dispatch:Sip:DigestAlgorithms=MD5",
            "--Dispatch:Rtp:Address=127.0.0.1",
            "--Dispatch:Rtp:PublicAddress=127.0.0.1",
            string.Create(CultureInfo.InvariantCulture, $"--Dispatch:Rtp:MinPort={rtpPort}"),
            string.Create(CultureInfo.InvariantCulture, $"--Dispatch:Rtp:MaxPort={rtpPort + 19}"));
        try
        {
            await gateway.WaitUntilReady(TimeSpan.FromMinutes(2));
        }
        catch
        {
            await gateway.DisposeAsync();
            throw;
        }
        return new PhoneCallNode(gateway, sipPort);
    }

    /// <summary>A script in <paramref name="folder"/> that runs /usr/bin/chromium inside the namespace (for playwright's executablePath).</summary>
    public static async Task<string> ChromiumWrapper(string folder, NetworkNamespace space)
    {
        var wrapper = Path.Combine(folder, "chromium-in-" + space.Name);
        await File.WriteAllTextAsync(wrapper, $"#!/bin/sh\nexec ip netns exec {space.Name} /usr/bin/chromium \"$@\"\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return wrapper;
    }
}
