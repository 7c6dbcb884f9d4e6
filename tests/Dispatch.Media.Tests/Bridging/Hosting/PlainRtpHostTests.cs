using System.Net;
using System.Net.Sockets;
using Dispatch.Media.Bridging.Hosting;
using Dispatch.Media.Sdp;
using Dispatch.Media.WebRtc.Rtp;

namespace Dispatch.Media.Tests.Bridging.Hosting;

/// <summary>The socket host on loopback: even port pairs from the range, a receive loop garbage cannot stop, latching.</summary>
public sealed class PlainRtpHostTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static PlainRtpHost NewHost()
    {
        var first = 36000 + Environment.ProcessId % 2000 * 2;
        return new PlainRtpHost(new PlainRtpHostOptions { BindAddress = IPAddress.Loopback, AdvertisedAddress = "127.0.0.1", MinPort = first, MaxPort = first + 200 });
    }

    [Fact]
    public async Task Legs_get_distinct_even_ports_with_rtcp_one_above_and_ports_return_to_the_pool()
    {
        var host = NewHost();
        await using var a = host.Open("1", 1);
        await using var b = host.Open("2", 2);
        Assert.Equal(0, a.RtpPort % 2);
        Assert.Equal(0, b.RtpPort % 2);
        Assert.NotEqual(a.RtpPort, b.RtpPort);
        Assert.InRange(a.RtpPort, host.Options.MinPort, host.Options.MaxPort);
        // RTCP's port is taken by the leg: nobody else can bind it.
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        Assert.Throws<SocketException>(() => probe.Bind(new IPEndPoint(IPAddress.Loopback, a.RtpPort + 1)));
    }

    [Fact]
    public async Task Garbage_does_not_stop_the_receive_loop_and_rtp_that_follows_is_delivered_and_latched()
    {
        var host = NewHost();
        await using var channel = host.Open("9", 0x99);
        using var phone = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        phone.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var phoneEndPoint = (IPEndPoint)phone.LocalEndPoint!;
        var answer = SessionDescription.Parse(
            $"v=0\r\no=p 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n").Description!;
        var delivered = 0;
        lock (channel.Gate)
        {
            channel.Leg.CreateOffer();
            Assert.True(channel.Leg.AcceptAnswer(answer, out var error), error);
            channel.MediaReceived = (_, _) => delivered++;
        }

        var target = new IPEndPoint(IPAddress.Loopback, channel.RtpPort);
        var rtcpTarget = new IPEndPoint(IPAddress.Loopback, channel.RtpPort + 1);
        var random = new Random(3);
        for (var i = 0; i < 200; i++)
        {
            var junk = new byte[random.Next(0, 300)];
            random.NextBytes(junk);
            if (junk.Length > 0) junk[0] &= 0x7F; // never version 2: random bytes that happen to parse as RTP are RTP
            phone.SendTo(junk, i % 2 == 0 ? target : rtcpTarget);
        }
        var rtp = new byte[12 + 160];
        for (ushort s = 0; s < 5; s++)
        {
            RtpHeaderWriter.Write(rtp, false, 0, s, s * 160u, 0x5EED);
            phone.SendTo(rtp, target);
        }

        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            lock (channel.Gate) if (delivered == 5) break;
            Assert.True(DateTime.UtcNow < deadline, $"only {delivered} of 5 RTP packets delivered after the garbage");
            await Task.Delay(50);
        }
        lock (channel.Gate)
        {
            Assert.Equal(phoneEndPoint, channel.Leg.LatchedRemote);
            Assert.True(channel.Leg.Ignored > 0);
            RtpHeaderWriter.Write(rtp, false, 0, 1, 160, 0x99);
            Assert.True(channel.Send(rtp));
        }
        var buffer = new byte[2048];
        using var wait = new CancellationTokenSource(Patience);
        var received = await phone.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0), wait.Token);
        Assert.Equal(rtp.Length, received.ReceivedBytes);
        Assert.Equal(channel.RtpPort, ((IPEndPoint)received.RemoteEndPoint).Port); // symmetric: sent from the port we receive on
    }
}
