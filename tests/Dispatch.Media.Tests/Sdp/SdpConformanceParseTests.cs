using Dispatch.Media.Sdp;
using Dispatch.Media.Sdp.Attributes;

namespace Dispatch.Media.Tests.Sdp;

public class SdpConformanceParseTests
{
    [Theory]
    [MemberData(nameof(SdpSamples.All), MemberType = typeof(SdpSamples))]
    public void Every_real_sdp_parses_with_its_media_sections(string name)
    {
        var text = SdpSamples.Text(name);
        var sdp = SdpModelAssert.Parsed(text);

        var mLines = SdpSamples.Canonical(text).Split("\r\n").Count(l => l.StartsWith("m=", StringComparison.Ordinal));
        Assert.Equal(mLines, sdp.Media.Count);
        Assert.NotEmpty(sdp.Media);
    }

    [Theory]
    [MemberData(nameof(SdpSamples.All), MemberType = typeof(SdpSamples))]
    public void Every_rtp_section_has_an_rtpmap_or_a_static_payload_type(string name)
    {
        var sdp = SdpModelAssert.Parsed(SdpSamples.Text(name));
        foreach (var m in sdp.Media.Where(m => m.IsRtp))
        {
            var mapped = m.RtpMaps().Select(r => r.PayloadType.ToString()).ToHashSet();
            // RFC 3551 §6: payload types below 96 are static and may come without an rtpmap.
            Assert.All(m.Formats, f => Assert.True(mapped.Contains(f) || int.Parse(f) < 96, $"{name}: pt {f}"));
        }
    }

    [Fact]
    public void Chromium_offer_exposes_the_typed_webrtc_attributes()
    {
        var sdp = SdpModelAssert.Parsed(SdpSamples.Text("ex_webrtc__chromium_audio_video_sdp.txt"));

        Assert.Equal(["0", "1"], sdp.BundleGroup()!.Mids);
        var audio = sdp.Media[0];
        var video = sdp.Media[1];
        Assert.Equal("0", audio.Mid());
        Assert.Equal("nWnq", audio.IceUfrag(sdp));
        Assert.Equal("DTdCVj00s9nGkNgWra0P30A2", audio.IcePwd(sdp));
        Assert.Equal(["trickle"], audio.IceOptions(sdp));
        Assert.Equal("sha-256", audio.Fingerprint(sdp)!.HashFunction);
        Assert.Equal(32, audio.Fingerprint(sdp)!.Digest().Length);
        Assert.Equal(SetupRole.ActPass, audio.Setup(sdp));
        Assert.Equal(MediaDirection.SendRecv, audio.Direction(sdp));
        Assert.True(audio.RtcpMux());
        Assert.False(audio.RtcpReducedSize());
        Assert.True(video.RtcpReducedSize());
        Assert.Equal(new RtpMap(111, "opus", 48000, 2), audio.RtpMaps().First());
        Assert.Equal("1", audio.Fmtps().First(f => f.PayloadType == 111).Parameters["useinbandfec"]);
        Assert.Contains(new ExtMap(3, "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01"), audio.ExtMaps());
        Assert.Contains(new RtcpFeedback(96, "nack", "pli"), video.RtcpFeedbacks());
        Assert.Equal(new Msid("-", "0a874693-9ca3-44a4-8c95-d8f2e26a7179"), video.Msids().Single());
        Assert.Equal(new SsrcGroup("FID", [1862494604u, 1112104850u]), video.SsrcGroups().Single());
        Assert.Contains(new SsrcAttribute(1862494604, "cname", "yFbnkIWTHwPXy6MO"), video.Ssrcs());
        Assert.Equal("96", video.Fmtps().First(f => f.PayloadType == 97).Parameters["apt"]);
    }

    [Fact]
    public void Candidates_follow_the_rfc8839_grammar_with_related_address_and_extensions()
    {
        var sdp = SdpModelAssert.Parsed(SdpSamples.Text("aiortc__safari_offer.sdp"));
        var candidates = sdp.Media[0].Candidates().ToList();

        Assert.Equal(3, candidates.Count);
        var srflx = candidates[2];
        Assert.Equal("842163049", srflx.Foundation);
        Assert.Equal(1, srflx.Component);
        Assert.Equal("udp", srflx.Transport);
        Assert.Equal(1677729535u, srflx.Priority);
        Assert.Equal("1.2.3.4", srflx.Address);
        Assert.Equal(61015, srflx.Port);
        Assert.Equal("srflx", srflx.Type);
        Assert.Equal("192.168.0.87", srflx.RelatedAddress);
        Assert.Equal(61015, srflx.RelatedPort);
        Assert.Equal([new("generation", "0"), new("network-cost", "999")], srflx.Extensions);
        Assert.Equal(sdp.Media[0].Attributes.All("candidate").ElementAt(2).Value, srflx.ToString());
    }

    [Fact]
    public void Firefox_session_level_attributes_are_inherited_and_extmap_directions_read()
    {
        var sdp = SdpModelAssert.Parsed(SdpSamples.Text("ex_webrtc__firefox_audio_video_sdp.txt"));
        var audio = sdp.Media[0];

        Assert.NotNull(audio.Fingerprint(sdp));
        Assert.Equal(["trickle"], audio.IceOptions(sdp));
        Assert.Contains(new ExtMap(2, "urn:ietf:params:rtp-hdrext:csrc-audio-level", MediaDirection.RecvOnly), audio.ExtMaps());
        Assert.Equal("", audio.Fmtps().Single(f => f.PayloadType == 101).Parameters["0-15"]);
        Assert.Equal(new RtpMap(101, "telephone-event", 8000, 1), audio.RtpMaps().Single(r => r.PayloadType == 101));
    }

    [Fact]
    public void Data_channel_sections_are_recognised_in_current_and_legacy_form()
    {
        var modern = SdpModelAssert.Parsed(SdpSamples.Text("str0m__chrome_offer_av_datachannel_2022.sdp"));
        var legacy = SdpModelAssert.Parsed(SdpSamples.Text("aiortc__firefox58_datachannel_offer.sdp"));

        Assert.True(modern.Media[0].IsDataChannel());
        Assert.Equal(5000, modern.Media[0].SctpPort());
        Assert.True(legacy.Media[0].IsDataChannel());
        Assert.Equal(5000, legacy.Media[0].SctpPort());
        Assert.True(legacy.Media[0].EndOfCandidates());
        Assert.Equal(MediaDirection.SendOnly, modern.Media[1].Direction(modern));
    }

    [Fact]
    public void Ice_lite_at_session_level_is_seen()
    {
        Assert.True(SdpModelAssert.Parsed(SdpSamples.Text("aiortc__ice_lite_audio.sdp")).IceLite());
        Assert.False(SdpModelAssert.Parsed(SdpSamples.Text("aiortc__safari_offer.sdp")).IceLite());
    }

    [Fact]
    public void Rid_and_simulcast_are_parsed()
    {
        var sdp = SdpModelAssert.Parsed(
            "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\n" +
            "a=rid:h send\r\na=rid:l send max-width=320\r\na=simulcast:send h;~l\r\n");
        var m = sdp.Media[0];

        Assert.Equal([new Rid("h", "send"), new Rid("l", "send", "max-width=320")], m.Rids());
        Assert.Equal(2, m.Simulcast()!.Send.Count);
        Assert.Equal("~l", m.Simulcast()!.Send[1][0]);
    }
}
