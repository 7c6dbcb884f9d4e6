using System.Buffers.Binary;
using System.Net;
using System.Text.RegularExpressions;
using Dispatch.Media.Sdp;
using Dispatch.Media.Sdp.Attributes;
using Dispatch.Media.Sdp.Negotiation;
using Dispatch.Media.Tests.Sdp;
using Dispatch.Media.Tests.WebRtc.Dtls;
using Dispatch.Media.Tests.WebRtc.Peer;
using Dispatch.Media.WebRtc.Dtls;
using Dispatch.Media.WebRtc.Echo;
using Dispatch.Media.WebRtc.Ice;
using Dispatch.Media.WebRtc.Rtcp;
using Dispatch.Media.WebRtc.Rtp;
using Dispatch.Media.WebRtc.Srtp;
using Microsoft.Extensions.Time.Testing;

namespace Dispatch.Media.Tests.WebRtc.Echo;

/// <summary>The echo endpoint against Chromium's audio+video offer, in memory and in virtual time.</summary>
public sealed class EchoSessionTests
{
    private const string ChromiumOffer = "ex_webrtc__chromium_audio_video_sdp.txt";
    private const uint ChromiumAudioSsrc = 3262661846;
    private const uint ChromiumVideoSsrc = 1862494604;
    private static readonly IPEndPoint EchoAddress = new(IPAddress.Parse("10.0.0.1"), 5000);
    private static readonly IPEndPoint BrowserAddress = new(IPAddress.Parse("10.0.0.2"), 6000);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private readonly IceCredentials _browserIce = IceCredentials.NewRandom();

    private EchoSettings Settings => new()
    {
        Certificate = DtlsPair.ServerCertificate,
        Candidates = [IceCandidate.Host("1", EchoAddress.Address.ToString(), EchoAddress.Port)],
        Dtls = DtlsPair.Fast,
    };

    [Fact]
    public void The_answer_to_chromium_bundles_audio_and_video_announces_ssrcs_and_omits_transport_cc()
    {
        using var echo = EchoSession.Answer(Offer(), Settings, _time);

        var answer = SdpParser.Parse(echo.AnswerSdp);
        Assert.True(answer.IsSuccess, answer.Error?.ToString());
        var sdp = answer.Description;
        Assert.Contains(sdp.Groups(), g => g.IsBundle && g.Mids.SequenceEqual(["0", "1"]));
        Assert.All(sdp.Media, m => Assert.NotEmpty(m.Ssrcs()));
        Assert.DoesNotContain("transport-wide-cc-extensions", echo.AnswerSdp);
        Assert.Contains("a=setup:passive", echo.AnswerSdp);
        var idsToUris = sdp.Media.SelectMany(m => m.ExtMaps()).GroupBy(e => e.Id);
        Assert.All(idsToUris, g => Assert.Single(g.Select(e => e.Uri).Distinct()));
    }

    [Fact]
    public void An_extension_id_reused_for_another_uri_inside_the_bundle_is_dropped_from_the_answer()
    {
        var offer = Offer().Replace("a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid", "a=extmap:4 urn:ietf:params:rtp-hdrext:toffset");
        // The audio section keeps id 4 for mid; the video section's clashing mid mapping must go.
        var firstMid = offer.IndexOf("a=extmap:4 urn:ietf:params:rtp-hdrext:toffset", StringComparison.Ordinal);
        offer = offer[..firstMid] + "a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid" + offer[(firstMid + "a=extmap:4 urn:ietf:params:rtp-hdrext:toffset".Length)..];

        using var echo = EchoSession.Answer(offer, Settings, _time);

        var sdp = SdpParser.Parse(echo.AnswerSdp).Description!;
        var fours = sdp.Media.SelectMany(m => m.ExtMaps()).Where(e => e.Id == 4).Select(e => e.Uri).Distinct().ToList();
        Assert.Equal([MediaCapabilities.MidUri], fours);
    }

    [Fact]
    public void Aiortc_reusing_extension_id_2_for_two_uris_gets_an_answer_with_one_uri_per_id()
    {
        // Recorded from aiortc 1.4.0 on this machine: id 2 is ssrc-audio-level on audio and abs-send-time on video.
        var offer = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "WebRtc", "Echo", "aiortc-1.4.0-audio-video-offer.sdp"));

        using var echo = EchoSession.Answer(offer, Settings, _time);

        var sdp = SdpParser.Parse(echo.AnswerSdp).Description!;
        Assert.Equal(2, sdp.Media.Count(m => m.Port != 0));
        Assert.All(sdp.Media.SelectMany(m => m.ExtMaps()).GroupBy(e => e.Id), g => Assert.Single(g.Select(e => e.Uri).Distinct()));
        Assert.Contains(sdp.Media[0].ExtMaps(), e => e is { Id: 2, Uri: MediaCapabilities.AudioLevelUri });
        Assert.DoesNotContain(sdp.Media[1].ExtMaps(), e => e.Uri == MediaCapabilities.AbsSendTimeUri);
        Assert.Contains(sdp.Media[1].ExtMaps(), e => e is { Id: 1, Uri: MediaCapabilities.MidUri });
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("v=0\r\nthis is not sdp\r\n", "not valid SDP")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\n", "no audio or video")]
    public void A_bad_offer_is_refused_with_a_message_naming_the_fault(string offer, string expected)
    {
        var error = Assert.Throws<EchoOfferException>(() => EchoSession.Answer(offer, Settings, _time));
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.2)]
    public void Media_comes_back_under_the_answer_ssrcs_and_a_pli_reaches_the_browser_video(double loss)
    {
        using var echo = EchoSession.Answer(Offer(), Settings, _time);
        var answer = SdpParser.Parse(echo.AnswerSdp).Description!;
        var ourAudio = answer.Media[0].Ssrcs().First().Ssrc;
        var ourVideo = answer.Media[1].Ssrcs().First().Ssrc;
        var network = new LossyNetwork(seed: 11, loss, reorderRate: 0.1);
        var browser = new ControllingTestPeer(_browserIce, new IceCredentials(echo.LocalUfrag, IcePasswordOf(echo.AnswerSdp)),
            DtlsEndpoint.CreateClient(DtlsPair.ClientCertificate, DtlsPair.ServerCertificate.Fingerprint, DtlsPair.Fast));
        var back = new List<(uint Ssrc, ushort Seq, byte PayloadType)>();
        var backRtcp = new List<RtcpPacket>();
        var rtcpFailures = new List<string>();

        void Round()
        {
            foreach (var d in browser.Poll(_time.GetUtcNow()))
            {
                network.Send(d, BrowserAddress, EchoAddress);
            }
            for (var pass = 0; pass < 2; pass++)
            {
                while (echo.TryPollTransmit(out var t))
                {
                    network.Send(t.Span, EchoAddress, t.Destination);
                    t.Release();
                }
                foreach (var (data, from, to) in network.TakeDeliverable())
                {
                    if (to.Equals(EchoAddress))
                    {
                        echo.HandleDatagram(data, from);
                    }
                    else if (browser.Receive(data) && browser.Srtp is { } srtp)
                    {
                        if (PacketDemultiplexer.Classify(data) == PacketKind.Rtcp)
                        {
                            var r = srtp.Inbound.UnprotectRtcp(data, out var n);
                            if (r == SrtpResult.Ok && RtcpCompound.TryParse(data.AsSpan(0, n), out var c, out _))
                            {
                                backRtcp.AddRange(c!.Packets);
                            }
                            else
                            {
                                rtcpFailures.Add(r.ToString());
                            }
                        }
                        else if (srtp.Inbound.UnprotectRtp(data, out var n) == SrtpResult.Ok && RtpHeader.TryParse(data.AsSpan(0, n), out var h, out _))
                        {
                            back.Add((h.Ssrc, h.SequenceNumber, h.PayloadType));
                        }
                    }
                }
            }
            echo.HandleTimeout();
            _time.Advance(TimeSpan.FromMilliseconds(20));
            // The DTLS handshake runs on a BouncyCastle worker thread with its own real-time timers: let it move.
            Thread.Sleep(1);
        }

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (browser.Srtp is null || !echo.Peer.IsConnected)
        {
            Assert.True(DateTime.UtcNow < deadline, $"ICE + DTLS did not complete: {browser.Failure}");
            Round();
        }

        var srtpOut = browser.Srtp.Outbound;
        var buffer = new byte[1500];
        for (var i = 0; i < 200; i++)
        {
            Send(srtpOut, buffer, RtpHeaderWriter.Write(buffer, false, 111, (ushort)(100 + i), (uint)(960 * i), ChromiumAudioSsrc), network);
            Send(srtpOut, buffer, RtpHeaderWriter.Write(buffer, i % 3 == 2, 96, (ushort)(5000 + i), (uint)(3000 * (i / 3)), ChromiumVideoSsrc), network);
            if (i % 20 == 19)
            {
                var rtcp = ReceiverReport.Write(buffer, 1, []);
                rtcp += PictureLossIndication.Write(buffer.AsSpan(rtcp), 1, ourVideo);
                Assert.Equal(SrtpResult.Ok, srtpOut.ProtectRtcp(buffer, rtcp, out var protectedLength));
                network.Send(buffer.AsSpan(0, protectedLength), BrowserAddress, EchoAddress);
            }
            Round();
        }
        for (var i = 0; i < 100; i++)
        {
            Round();
        }

        var audioBack = back.Where(p => p.Ssrc == ourAudio).ToList();
        var videoBack = back.Where(p => p.Ssrc == ourVideo).ToList();
        var minimum = (int)(200 * (1 - loss) * (1 - loss) * 0.7);
        Assert.True(audioBack.Count >= minimum, $"audio back: {audioBack.Count} < {minimum}");
        Assert.True(videoBack.Count >= minimum, $"video back: {videoBack.Count} < {minimum}");
        Assert.All(audioBack, p => Assert.InRange(p.Seq, 100, 299));
        Assert.All(videoBack, p => Assert.Equal(96, p.PayloadType));
        Assert.DoesNotContain(back, p => p.Ssrc is ChromiumAudioSsrc or ChromiumVideoSsrc);
        Assert.True(backRtcp.Any(p => p is PictureLossIndication { MediaSsrc: ChromiumVideoSsrc }),
            $"no PLI about the browser's video came back ({echo.RelayedKeyFrameRequests} relayed; network sent {network.Sent}, dropped {network.Dropped}; SRTCP failures: {string.Join(",", rtcpFailures)})");
        Assert.Contains(backRtcp, p => p is ReceiverReport rr && rr.Reports.Any(b => b.Ssrc == ChromiumVideoSsrc));
        browser.Dtls.Dispose();
        browser.Srtp.Dispose();
    }

    private static void Send(SrtpContext srtp, byte[] buffer, int headerLength, LossyNetwork network)
    {
        buffer.AsSpan(headerLength, 100).Fill(7);
        Assert.Equal(SrtpResult.Ok, srtp.ProtectRtp(buffer, headerLength + 100, out var length));
        network.Send(buffer.AsSpan(0, length), BrowserAddress, EchoAddress);
    }

    /// <summary>Chromium's offer with this test's ICE credentials and DTLS certificate in place of the recorded ones.</summary>
    private string Offer()
    {
        var text = SdpSamples.Text(ChromiumOffer);
        text = Regex.Replace(text, "a=ice-ufrag:[^\r\n]+", "a=ice-ufrag:" + _browserIce.Ufrag);
        text = Regex.Replace(text, "a=ice-pwd:[^\r\n]+", "a=ice-pwd:" + _browserIce.Password);
        return Regex.Replace(text, "a=fingerprint:[^\r\n]+", "a=fingerprint:" + DtlsPair.ClientCertificate.Fingerprint.ToSdpValue());
    }

    private static string IcePasswordOf(string sdp) => Regex.Match(sdp, "a=ice-pwd:([^\r\n]+)").Groups[1].Value;
}
