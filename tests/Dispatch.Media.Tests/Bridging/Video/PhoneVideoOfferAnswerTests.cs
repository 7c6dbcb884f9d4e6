using Dispatch.Media.Bridging.PlainRtp;
using Dispatch.Media.Bridging.Video;
using Dispatch.Media.Sdp;
using Dispatch.Media.Sdp.Negotiation;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace Dispatch.Media.Tests.Bridging.Video;

/// <summary>
/// The phone's offer with and without video, and what its answer makes of the call: H.264 passed through (the
/// section the forwarder routes by) or audio only (port 0, no video section, no H.264 in packetization-mode 1).
/// </summary>
public sealed class PhoneVideoOfferAnswerTests(ITestOutputHelper output)
{
    private static readonly LocalSendStream Send = new(0xB1DE0, "dispatch-call", "bridge-video-phone");

    private static PlainRtpLeg NewLeg() => new(new PlainRtpLegOptions
    {
        Address = "203.0.113.5", RtpPort = 20000, SessionId = "77", Ssrc = 0x1234,
    }, new FakeTimeProvider());

    private static SessionDescription Sdp(string text)
    {
        var parsed = SessionDescription.Parse(text.Replace("\n", "\r\n"));
        Assert.True(parsed.IsSuccess, parsed.Error?.ToString());
        return parsed.Description!;
    }

    private static SessionDescription Answer(string video) => Sdp($"""
        v=0
        o=phone 1 1 IN IP4 192.0.2.10
        s=-
        c=IN IP4 192.0.2.10
        t=0 0
        m=audio 40000 RTP/AVP 0 101
        a=rtpmap:0 PCMU/8000
        a=rtpmap:101 telephone-event/8000
        a=sendrecv
        {video}
        """);

    private const string H264Answer = """
        m=video 40002 RTP/AVP 100
        a=rtpmap:100 H264/90000
        a=fmtp:100 packetization-mode=1;profile-level-id=42e01f
        a=rtcp-fb:* ccm fir
        a=rtcp-fb:* nack pli
        a=sendrecv
        """;

    [Fact]
    public void Without_a_video_port_the_offer_is_audio_only()
    {
        var offer = NewLeg().CreateOffer().ToString();
        Assert.DoesNotContain("m=video", offer);
    }

    [Fact]
    public void With_video_the_offer_adds_H264_at_the_browsers_profile_in_packetization_mode_1_with_the_feedback_a_phone_may_ask_for()
    {
        var offer = NewLeg().CreateOffer(SipVideoOffer.H264(20002, "42e01f")).ToString();
        output.WriteLine(offer);
        Assert.Contains("m=audio 20000 RTP/AVP 0 8 101", offer);
        Assert.Contains("m=video 20002 RTP/AVP 102\r\n", offer);
        Assert.Contains("a=rtpmap:102 H264/90000", offer);
        Assert.Contains("a=fmtp:102 packetization-mode=1;profile-level-id=42e01f", offer);
        Assert.Contains("a=rtcp-fb:102 nack\r\n", offer);
        Assert.Contains("a=rtcp-fb:102 nack pli", offer);
        Assert.Contains("a=rtcp-fb:102 ccm fir", offer);
        Assert.DoesNotContain("level-asymmetry-allowed", offer);
        Assert.DoesNotContain("transport-cc", offer);
        // Both sections: rtcp-mux offered (RFC 5761 §5.1.1), so RTCP shares each RTP port when the phone agrees.
        Assert.Equal(2, offer.Split("a=rtcp-mux").Length - 1);
    }

    [Fact]
    public void A_phone_that_answers_H264_gets_a_video_section_with_its_payload_type_first_and_ours_too()
    {
        var leg = NewLeg();
        leg.CreateOffer(SipVideoOffer.H264(20002, "42e01f"));
        Assert.True(leg.AcceptAnswer(Answer(H264Answer), out var error), error);

        var section = PhoneVideoSection.From(leg.NegotiatedVideo, 102, Send, out var reason);

        Assert.Null(reason);
        Assert.NotNull(section);
        Assert.Equal("video", section.Kind);
        Assert.Equal([100, 102], section.Codecs.Select(c => c.PayloadType));
        Assert.All(section.Codecs, c => Assert.Equal("1", c.ParameterMap["packetization-mode"]));
        Assert.Equal(Send, section.Send);
        Assert.Empty(section.Extensions);
        // The phone asked for FIR and PLI (RFC 5104 §7.1, RFC 4585 §4.2), not for NACK.
        Assert.Contains("ccm fir", section.Codecs[0].Feedback);
        Assert.Contains("nack pli", section.Codecs[0].Feedback);
        Assert.DoesNotContain("nack", section.Codecs[0].Feedback);
        Assert.Equal("192.0.2.10", leg.NegotiatedVideo!.RemoteAddress);
        Assert.Equal(40002, leg.NegotiatedVideo.RemotePort);
    }

    [Theory]
    [InlineData("m=video 0 RTP/AVP 0", "port 0")]
    [InlineData("", "no matching m= line")]
    [InlineData("m=video 40002 RTP/AVP 100\na=rtpmap:100 H264/90000\na=fmtp:100 packetization-mode=0;profile-level-id=42e01f", "no codec we offered")]
    [InlineData("m=video 40002 RTP/AVP 96\na=rtpmap:96 VP8/90000", "no codec we offered")]
    public void A_phone_that_declines_video_or_has_no_H264_in_mode_1_gets_an_audio_only_call(string video, string why)
    {
        var leg = NewLeg();
        leg.CreateOffer(SipVideoOffer.H264(20002, "42e01f"));
        Assert.True(leg.AcceptAnswer(Answer(video), out var error), error);

        var section = PhoneVideoSection.From(leg.NegotiatedVideo, 102, Send, out var reason);

        Assert.Null(section);
        Assert.Contains(why, reason);
        Assert.NotNull(leg.Negotiation); // audio goes on as before
    }

    [Fact]
    public void No_video_offered_means_no_video_section()
    {
        Assert.Null(PhoneVideoSection.From(null, 102, Send, out var reason));
        Assert.Equal("no video was offered to the phone", reason);
    }
}
