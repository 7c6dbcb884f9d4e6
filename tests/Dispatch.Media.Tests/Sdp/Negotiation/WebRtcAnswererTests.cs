using Dispatch.Media.Sdp;
using Dispatch.Media.Sdp.Attributes;
using Dispatch.Media.Sdp.Negotiation;

namespace Dispatch.Media.Tests.Sdp.Negotiation;

public class WebRtcAnswererTests
{
    private static NegotiationResult AnswerChromium(IReadOnlyDictionary<string, LocalSendStream>? streams = null) =>
        WebRtcAnswerer.CreateAnswer(
            SdpModelAssert.Parsed(SdpSamples.Text("ex_webrtc__chromium_audio_video_sdp.txt")), AnswerFixtures.Options(streams));

    [Fact]
    public void Chromium_audio_gets_opus_with_inband_fec_first_then_g711_and_matching_telephone_events()
    {
        var audio = AnswerChromium().ForMid("0")!;

        Assert.Equal([111, 0, 8, 110, 126], audio.Codecs.Select(c => c.PayloadType));
        Assert.Equal("opus", audio.PreferredCodec!.Name);
        Assert.Equal("1", audio.PreferredCodec.ParameterMap["useinbandfec"]);
        Assert.Equal(["transport-cc"], audio.PreferredCodec.Feedback);
        Assert.Equal([48000, 8000], audio.TelephoneEvents.Select(t => t.ClockRate));
    }

    [Fact]
    public void Chromium_video_gets_vp8_and_constrained_baseline_h264_with_their_rtx()
    {
        var video = AnswerChromium().ForMid("1")!;

        Assert.Equal([96, 106], video.Codecs.Select(c => c.PayloadType));
        Assert.Equal([97, 107], video.Codecs.Select(c => c.RtxPayloadType!.Value));
        Assert.Equal(["goog-remb", "transport-cc", "ccm fir", "nack", "nack pli"], video.Codecs[0].Feedback);
        Assert.Equal("level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f", video.Codecs[1].Parameters);
    }

    [Fact]
    public void Unsupported_extensions_are_not_echoed()
    {
        var result = AnswerChromium();
        var video = result.LocalDescription.Media[1].ExtMaps().Select(e => e.Uri).ToList();

        Assert.Contains(MediaCapabilities.TransportCcUri, video);
        Assert.DoesNotContain("http://www.webrtc.org/experiments/rtp-hdrext/playout-delay", video);
        Assert.DoesNotContain("http://www.webrtc.org/experiments/rtp-hdrext/color-space", video);
    }

    [Fact]
    public void Send_streams_are_announced_with_msid_cname_and_an_fid_group()
    {
        var streams = new Dictionary<string, LocalSendStream>
        {
            ["0"] = new(1111, "echo", "echo-audio"),
            ["1"] = new(2222, "echo", "echo-video", RtxSsrc: 3333),
        };
        var answer = SdpModelAssert.Parsed(AnswerChromium(streams).LocalDescription.ToString());

        Assert.Equal(new Msid("echo", "echo-video"), answer.Media[1].Msids().Single());
        Assert.Equal(new SsrcGroup("FID", [2222u, 3333u]), answer.Media[1].SsrcGroups().Single());
        Assert.Contains(new SsrcAttribute(3333, "cname", "dispatch"), answer.Media[1].Ssrcs());
        Assert.Empty(answer.Media[0].SsrcGroups());
        Assert.Equal([1111u], answer.Media[0].Ssrcs().Select(s => s.Ssrc).Distinct());
    }

    [Fact]
    public void Recvonly_local_wish_with_a_sendrecv_offer_answers_recvonly_and_announces_no_stream()
    {
        var offer = SdpModelAssert.Parsed(SdpSamples.Text("ex_webrtc__chromium_audio_video_sdp.txt"));
        var options = AnswerFixtures.Options(new Dictionary<string, LocalSendStream> { ["0"] = new(1, "s", "t") })
            with { AudioDirection = MediaDirection.RecvOnly };

        var result = WebRtcAnswerer.CreateAnswer(offer, options);

        Assert.Equal(MediaDirection.RecvOnly, result.ForMid("0")!.Direction);
        Assert.Empty(result.LocalDescription.Media[0].Ssrcs());
    }

    [Fact]
    public void Remote_facts_are_exposed_for_the_media_layer()
    {
        var result = AnswerChromium();

        Assert.Equal([1862494604u, 1112104850u], result.ForMid("1")!.RemoteSsrcs);
        Assert.Equal("0a874693-9ca3-44a4-8c95-d8f2e26a7179", result.ForMid("1")!.RemoteMsid!.TrackId);
        Assert.Equal("nWnq", result.Transport!.IceUfrag);
        Assert.Equal(SetupRole.ActPass, result.Transport.RemoteSetup);
        Assert.Equal(SetupRole.Passive, result.Transport.LocalSetup);
        Assert.Contains(result.ForMid("1")!.HeaderExtensions, e => e.Uri == MediaCapabilities.MidUri && e.Id == 4);
    }

    [Theory]
    [InlineData("a=setup:active", "passive")]
    [InlineData("a=setup:passive", "active")]
    [InlineData("", "passive")]
    public void Dtls_role_follows_rfc5763(string offeredSetup, string answered)
    {
        var offer = SdpModelAssert.Parsed(Offer(offeredSetup));

        var answer = WebRtcAnswerer.CreateAnswer(offer, AnswerFixtures.Options()).LocalDescription;

        Assert.Equal(answered, answer.Media[0].Attributes.ValueOf("setup"));
    }

    [Theory]
    [InlineData("a=fingerprint:sha-256 00:11", "fingerprint")]
    [InlineData("a=ice-ufrag:abcd", "ice-ufrag")]
    [InlineData("a=rtcp-mux", "rtcp-mux")]
    public void A_section_missing_a_webrtc_essential_is_rejected_with_the_reason(string dropped, string reasonPart)
    {
        var offer = SdpModelAssert.Parsed(Offer("a=setup:actpass").Replace(dropped + "\r\n", ""));

        var result = WebRtcAnswerer.CreateAnswer(offer, AnswerFixtures.Options());

        Assert.Equal(0, result.LocalDescription.Media[0].Port);
        Assert.Contains(reasonPart, result.Media[0].RejectionReason);
        Assert.Null(result.LocalDescription.BundleGroup());
    }

    [Fact]
    public void An_offer_without_a_common_codec_is_rejected()
    {
        var offer = SdpModelAssert.Parsed(Offer("a=setup:actpass").Replace("opus/48000/2", "G722/8000"));

        var result = WebRtcAnswerer.CreateAnswer(offer, AnswerFixtures.Options());

        Assert.False(result.Media[0].Accepted);
        Assert.Contains("codec", result.Media[0].RejectionReason);
    }

    private static string Offer(string setupLine) =>
        "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\na=group:BUNDLE a\r\n" +
        "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=ice-ufrag:abcd\r\na=ice-pwd:abcdefghijklmnopqrstuvwx\r\n" +
        "a=fingerprint:sha-256 00:11\r\n" + (setupLine.Length > 0 ? setupLine + "\r\n" : "") +
        "a=mid:a\r\na=sendrecv\r\na=rtcp-mux\r\na=rtpmap:111 opus/48000/2\r\n";
}
