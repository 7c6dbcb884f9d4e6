using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Dispatch.Media.Tests.Sdp;
using Dispatch.Media.Tests.WebRtc.Dtls;
using Dispatch.Media.Tests.WebRtc.Ice;
using Dispatch.Media.Tests.WebRtc.Robustness;
using Dispatch.Media.WebRtc.Echo;
using Dispatch.Media.WebRtc.Hosting;
using Dispatch.Media.WebRtc.Ice;
using Dispatch.Media.WebRtc.Stun;

namespace Dispatch.Media.Tests.WebRtc.Hosting;

/// <summary>The UDP host over a real loopback socket: routing, and a receive loop that survives hostile input.</summary>
public sealed class WebRtcUdpHostTests
{
    private readonly IceCredentials _browserIce = IceCredentials.NewRandom();

    [Fact]
    public async Task Malformed_stun_dtls_rtp_rtcp_and_random_bytes_are_dropped_and_the_loop_keeps_answering()
    {
        await using var host = new WebRtcUdpHost(new WebRtcUdpHostOptions
        {
            Bind = new IPEndPoint(IPAddress.Loopback, 0),
            AdvertisedAddress = IPAddress.Loopback,
            Certificate = DtlsPair.ServerCertificate,
        }, TimeProvider.System);
        host.Start();
        var answer = host.AnswerEcho(Offer());
        var ufrag = Regex.Match(answer, "a=ice-ufrag:([^\r\n]+)").Groups[1].Value;
        var password = Regex.Match(answer, "a=ice-pwd:([^\r\n]+)").Groups[1].Value;
        Assert.Contains($"127.0.0.1 {host.LocalEndPoint.Port} typ host", answer);
        using var browser = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));

        // A valid check first, so the browser's address is bound and DTLS, RTP and RTCP reach the session's parsers.
        await AssertCheckSucceeds(browser, host, $"{ufrag}:{_browserIce.Ufrag}", password);
        var sent = 0;
        var before = host.DatagramsReceived;
        foreach (var packet in HostileInputCorpus.All())
        {
            await browser.SendAsync(packet, host.LocalEndPoint);
            if (++sent % 100 == 0)
            {
                // Let the loop catch up so the kernel's receive buffer does not simply discard the corpus.
                var pace = DateTime.UtcNow.AddSeconds(2);
                while (host.DatagramsReceived - before < sent - 100 && DateTime.UtcNow < pace)
                {
                    await Task.Delay(1);
                }
            }
        }
        // Checks for this session with a wrong password, and for no session at all.
        await browser.SendAsync(BindingRequests.Check($"{ufrag}:{_browserIce.Ufrag}", "wrong-password-0123456789"), host.LocalEndPoint);
        await browser.SendAsync(BindingRequests.Check($"nobody:{_browserIce.Ufrag}", password), host.LocalEndPoint);

        // The loop still routes and answers: a new session's check succeeds. (The first session may have given up:
        // forged ClientHellos from its own address count as failed handshakes, see WebRtcPeer.MaxFailedHandshakes.)
        var second = host.AnswerEcho(Offer());
        await AssertCheckSucceeds(browser, host,
            $"{Regex.Match(second, "a=ice-ufrag:([^\r\n]+)").Groups[1].Value}:{_browserIce.Ufrag}",
            Regex.Match(second, "a=ice-pwd:([^\r\n]+)").Groups[1].Value);
        Assert.True(host.DatagramsReceived - before > sent * 9 / 10, $"only {host.DatagramsReceived} of {sent} datagrams reached the loop");
        Assert.Equal(0, host.Faults);
    }

    [Fact]
    public async Task A_bad_offer_is_refused_and_creates_no_session()
    {
        await using var host = new WebRtcUdpHost(new WebRtcUdpHostOptions
        {
            Bind = new IPEndPoint(IPAddress.Loopback, 0),
            AdvertisedAddress = IPAddress.Loopback,
            Certificate = DtlsPair.ServerCertificate,
        }, TimeProvider.System);
        host.Start();

        var error = Assert.Throws<EchoOfferException>(() => host.AnswerEcho("v=0\r\nnonsense"));
        Assert.Contains("not valid SDP", error.Message);
        Assert.Equal(0, host.SessionCount);
    }

    private static async Task AssertCheckSucceeds(UdpClient browser, WebRtcUdpHost host, string username, string password)
    {
        // Resent every second, as a browser does (RFC 8445 §14.3): under load a datagram may be lost either way.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            await browser.SendAsync(BindingRequests.Check(username, password, useCandidate: true), host.LocalEndPoint);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            try
            {
                while (true)
                {
                    var result = await browser.ReceiveAsync(wait.Token);
                    if (StunMessage.TryParse(result.Buffer, out var message, out _) && message!.Type == StunMessageType.BindingSuccessResponse)
                    {
                        return;
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // No success yet: check again.
            }
        }
        Assert.Fail($"No Binding success response for {username} within 30 s ({host.DatagramsReceived} received, {host.Faults} faults).");
    }

    private string Offer()
    {
        var text = SdpSamples.Text("ex_webrtc__chromium_audio_video_sdp.txt");
        text = Regex.Replace(text, "a=ice-ufrag:[^\r\n]+", "a=ice-ufrag:" + _browserIce.Ufrag);
        text = Regex.Replace(text, "a=ice-pwd:[^\r\n]+", "a=ice-pwd:" + _browserIce.Password);
        return Regex.Replace(text, "a=fingerprint:[^\r\n]+", "a=fingerprint:" + DtlsPair.ClientCertificate.Fingerprint.ToSdpValue());
    }
}
