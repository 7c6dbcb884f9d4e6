using Dispatch.Media.Sdp;
using Dispatch.Media.Sdp.Attributes;
using Dispatch.Media.Sdp.Negotiation;

namespace Dispatch.Media.Tests.Sdp.Negotiation;

public class SipOfferAnswerTests
{
    private static readonly SipOfferOptions OfferOptions = new() { SessionId = "77", Address = "192.0.2.10", AudioPort = 41000 };
    private static readonly SipAnswerOptions AnswerOptions = new() { SessionId = "78", Address = "192.0.2.10", AudioPort = 42000, VideoPort = 42002 };

    private const string PhoneOffer =
        "v=0\r\no=baresip 1 2 IN IP4 198.51.100.7\r\ns=-\r\nc=IN IP4 198.51.100.7\r\nt=0 0\r\n" +
        "m=audio 10000 RTP/AVP 9 0 8 101\r\na=rtpmap:9 G722/8000\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n" +
        "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ptime:30\r\na=sendrecv\r\n" +
        "m=video 10002 RTP/AVP 96 97\r\na=rtpmap:96 H264/90000\r\na=fmtp:96 packetization-mode=1;profile-level-id=42801e\r\n" +
        "a=rtpmap:97 VP8/90000\r\na=sendrecv\r\n";

    [Fact]
    public void Audio_offer_to_a_phone_is_plain_rtp_avp_with_g711_and_telephone_events()
    {
        var offer = SdpModelAssert.Parsed(SipOfferer.CreateOffer(OfferOptions).ToString());
        var audio = offer.Media.Single();

        Assert.Equal("audio 41000 RTP/AVP 0 8 101", audio.MediaLine);
        Assert.Equal("192.0.2.10", offer.Connection!.Address);
        Assert.Equal([new RtpMap(0, "PCMU", 8000), new RtpMap(8, "PCMA", 8000), new RtpMap(101, "telephone-event", 8000)], audio.RtpMaps());
        Assert.Equal("0-16", audio.Fmtps().Single().ParameterText);
        Assert.Equal("20", audio.Attributes.ValueOf("ptime"));
        Assert.Null(audio.IceUfrag(offer));
        Assert.Null(audio.Fingerprint(offer));
        Assert.False(offer.IceLite());
    }

    [Fact]
    public void A_video_port_adds_an_h264_section_without_webrtc_only_parameters()
    {
        var offer = SdpModelAssert.Parsed(SipOfferer.CreateOffer(OfferOptions with { VideoPort = 41002 }).ToString());
        var video = offer.Media[1];

        Assert.Equal("video 41002 RTP/AVP 102 103", video.MediaLine);
        Assert.All(video.RtpMaps(), r => Assert.Equal("H264", r.EncodingName));
        Assert.Equal("packetization-mode=1;profile-level-id=42e01f", video.Fmtps().First().ParameterText);
    }

    [Fact]
    public void Reading_a_phone_answer_gives_its_codec_address_and_port()
    {
        var offer = SipOfferer.CreateOffer(OfferOptions with { VideoPort = 41002 });
        var answer = SdpModelAssert.Parsed(
            "v=0\r\no=phone 5 5 IN IP4 198.51.100.7\r\ns=-\r\nc=IN IP4 198.51.100.7\r\nt=0 0\r\n" +
            "m=audio 30000 RTP/AVP 8 101\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\n" +
            "m=video 0 RTP/AVP 102\r\n");

        var result = SipOfferer.ReadAnswer(offer, answer);

        var audio = result.Media[0];
        Assert.True(audio.Accepted);
        Assert.Equal("PCMA", audio.PreferredCodec!.Name);
        Assert.Equal(101, audio.TelephoneEvents.Single().PayloadType);
        Assert.Equal(("198.51.100.7", 30000), (audio.RemoteAddress, audio.RemotePort));
        Assert.Equal(MediaDirection.SendRecv, audio.Direction);
        Assert.False(result.Media[1].Accepted);
        Assert.Null(result.Transport);
    }

    [Fact]
    public void Answering_a_phone_picks_one_g711_codec_and_passes_h264_through()
    {
        var result = SipAnswerer.CreateAnswer(SdpModelAssert.Parsed(PhoneOffer), AnswerOptions);
        var answer = SdpModelAssert.Parsed(result.LocalDescription.ToString());

        Assert.Equal("audio 42000 RTP/AVP 0 101", answer.Media[0].MediaLine);
        Assert.Equal("30", answer.Media[0].Attributes.ValueOf("ptime"));
        Assert.Equal("0-16", answer.Media[0].Fmtps().Single().ParameterText);
        Assert.Equal("video 42002 RTP/AVP 96", answer.Media[1].MediaLine);
        Assert.Equal("packetization-mode=1;profile-level-id=42801e", answer.Media[1].Fmtps().Single().ParameterText);
        Assert.Equal("192.0.2.10", answer.Connection!.Address);
        Assert.DoesNotContain(answer.Media, m => m.IceUfrag(answer) is not null || m.Fingerprint(answer) is not null);
        Assert.Equal(("198.51.100.7", 10000), (result.Media[0].RemoteAddress, result.Media[0].RemotePort));
        Assert.Equal("H264", result.Media[1].PreferredCodec!.Name);
    }

    [Fact]
    public void Static_payload_types_without_rtpmap_are_understood()
    {
        var offer = SdpModelAssert.Parsed(
            "v=0\r\no=- 1 1 IN IP4 198.51.100.7\r\ns=-\r\nc=IN IP4 198.51.100.7\r\nt=0 0\r\nm=audio 10000 RTP/AVP 18 8\r\n");

        var result = SipAnswerer.CreateAnswer(offer, AnswerOptions);

        Assert.Equal("PCMA", result.Media[0].PreferredCodec!.Name);
        Assert.Equal("audio 42000 RTP/AVP 8", result.LocalDescription.Media[0].MediaLine);
    }

    [Theory]
    [InlineData("m=audio 10000 RTP/SAVP 0", "not plain RTP")]
    [InlineData("m=audio 10000 RTP/AVP 18", "codec")]
    [InlineData("m=audio 0 RTP/AVP 0", "port 0")]
    [InlineData("m=image 10000 udptl t38", "media type")]
    public void Unacceptable_phone_sections_get_port_zero_and_a_reason(string mLine, string reasonPart)
    {
        var offer = SdpModelAssert.Parsed("v=0\r\no=- 1 1 IN IP4 198.51.100.7\r\ns=-\r\nc=IN IP4 198.51.100.7\r\nt=0 0\r\n" + mLine + "\r\n");

        var result = SipAnswerer.CreateAnswer(offer, AnswerOptions);

        Assert.Equal(0, result.LocalDescription.Media[0].Port);
        Assert.Contains(reasonPart, result.Media[0].RejectionReason);
    }

    [Fact]
    public void Video_is_refused_when_the_leg_has_no_video_port()
    {
        var result = SipAnswerer.CreateAnswer(SdpModelAssert.Parsed(PhoneOffer), AnswerOptions with { VideoPort = null });

        Assert.True(result.Media[0].Accepted);
        Assert.Equal(0, result.LocalDescription.Media[1].Port);
    }

    [Fact]
    public void A_phone_putting_us_on_hold_gets_recvonly()
    {
        var offer = SdpModelAssert.Parsed(PhoneOffer.Replace("a=sendrecv", "a=sendonly"));

        var result = SipAnswerer.CreateAnswer(offer, AnswerOptions);

        Assert.Equal(MediaDirection.RecvOnly, result.Media[0].Direction);
        Assert.Equal(MediaDirection.RecvOnly, result.LocalDescription.Media[0].Direction());
    }

    [Fact]
    public void Our_offer_answered_by_our_answerer_agrees_on_pcmu_and_h264()
    {
        var offer = SipOfferer.CreateOffer(OfferOptions with { VideoPort = 41002 });
        var answer = SipAnswerer.CreateAnswer(SdpModelAssert.Parsed(offer.ToString()), AnswerOptions).LocalDescription;

        var result = SipOfferer.ReadAnswer(offer, SdpModelAssert.Parsed(answer.ToString()));

        Assert.Equal("PCMU", result.Media[0].PreferredCodec!.Name);
        Assert.Equal(102, result.Media[1].PreferredCodec!.PayloadType);
        Assert.Equal(42002, result.Media[1].RemotePort);
    }
}
