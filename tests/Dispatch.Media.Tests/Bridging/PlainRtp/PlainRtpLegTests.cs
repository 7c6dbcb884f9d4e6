using System.Net;
using Dispatch.Media.Audio.G711;
using Dispatch.Media.Bridging.PlainRtp;
using Dispatch.Media.Sdp;
using Dispatch.Media.WebRtc.Rtcp;
using Dispatch.Media.WebRtc.Rtp;
using Microsoft.Extensions.Time.Testing;

namespace Dispatch.Media.Tests.Bridging.PlainRtp;

public sealed class PlainRtpLegTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private static readonly IPEndPoint Phone = IPEndPoint.Parse("192.0.2.10:40000");
    private static readonly IPEndPoint PhoneBehindNat = IPEndPoint.Parse("198.51.100.7:61000");

    private PlainRtpLeg NewLeg() => new(new PlainRtpLegOptions
    {
        Address = "203.0.113.5", RtpPort = 20000, SessionId = "77", Ssrc = 0x1234,
    }, _time);

    private static SessionDescription Sdp(string text)
    {
        var parsed = SessionDescription.Parse(text.Replace("\n", "\r\n"));
        Assert.True(parsed.IsSuccess, parsed.Error?.ToString());
        return parsed.Description!;
    }

    private static SessionDescription PhoneAnswer(string codecs = "8 101", string extra = "") => Sdp($"""
        v=0
        o=phone 1 1 IN IP4 192.0.2.10
        s=-
        c=IN IP4 192.0.2.10
        t=0 0
        m=audio 40000 RTP/AVP {codecs}
        a=rtpmap:8 PCMA/8000
        a=rtpmap:101 telephone-event/8000
        a=fmtp:101 0-15
        a=ptime:20
        {extra}a=sendrecv

        """);

    private static byte[] Rtp(ushort sequence, uint timestamp, uint ssrc = 0xCAFE)
    {
        var packet = new byte[12 + 160];
        RtpHeaderWriter.Write(packet, false, 8, sequence, timestamp, ssrc);
        return packet;
    }

    private PlainRtpLeg Negotiated(string extra = "")
    {
        var leg = NewLeg();
        leg.CreateOffer();
        Assert.True(leg.AcceptAnswer(PhoneAnswer(extra: extra), out var error), error);
        return leg;
    }

    [Fact]
    public void The_offer_is_plain_rtp_with_G711_and_telephone_events_at_the_nodes_address_and_port()
    {
        var offer = NewLeg().CreateOffer().ToString();
        Assert.Contains("c=IN IP4 203.0.113.5", offer);
        Assert.Contains("m=audio 20000 RTP/AVP 0 8 101", offer);
        Assert.Contains("a=rtpmap:0 PCMU/8000", offer);
        Assert.Contains("a=rtpmap:8 PCMA/8000", offer);
        Assert.Contains("a=rtpmap:101 telephone-event/8000", offer);
        Assert.Contains("a=ptime:20", offer);
        Assert.Contains("a=sendrecv", offer);
        Assert.Contains("a=rtcp-mux", offer);
        Assert.DoesNotContain("m=video", offer);
    }

    [Fact]
    public void The_phones_answer_gives_the_codec_its_address_and_rtcp_beside_rtp()
    {
        var leg = Negotiated();
        Assert.Equal(new PlainRtpNegotiation(G711Law.ALaw, 101, Phone, IPEndPoint.Parse("192.0.2.10:40001"), false), leg.Negotiation);
        Assert.Equal(G711Law.ALaw, leg.Negotiation!.ToBridgeOptions().SipLaw);
    }

    [Fact]
    public void A_phone_accepting_rtcp_mux_gets_rtcp_on_the_rtp_port()
    {
        var leg = Negotiated("a=rtcp-mux\n");
        Assert.True(leg.Negotiation!.RtcpMux);
        Assert.Equal(Phone, leg.Negotiation.RemoteRtcp);
    }

    [Fact]
    public void An_answer_without_G711_is_refused_with_the_reason()
    {
        var leg = NewLeg();
        leg.CreateOffer();
        var g729 = Sdp("v=0\no=p 1 1 IN IP4 192.0.2.10\ns=-\nc=IN IP4 192.0.2.10\nt=0 0\nm=audio 40000 RTP/AVP 18\na=rtpmap:18 G729/8000\n");
        Assert.False(leg.AcceptAnswer(g729, out var error));
        Assert.Contains("audio was not agreed", error);
        Assert.Null(leg.Negotiation);
    }

    [Fact]
    public void A_phone_offer_is_answered_with_one_G711_codec_at_our_port()
    {
        var leg = NewLeg();
        var offer = Sdp("v=0\no=p 1 1 IN IP4 192.0.2.10\ns=-\nc=IN IP4 192.0.2.10\nt=0 0\nm=audio 40000 RTP/AVP 18 0 101\na=rtpmap:18 G729/8000\na=rtpmap:0 PCMU/8000\na=rtpmap:101 telephone-event/8000\n");
        var answer = leg.AcceptOffer(offer, out var error)?.ToString();
        Assert.NotNull(answer);
        Assert.Contains("m=audio 20000 RTP/AVP 0 101", answer);
        Assert.Contains("c=IN IP4 203.0.113.5", answer);
        Assert.Equal(G711Law.MuLaw, leg.Negotiation!.Law);
        Assert.Equal(Phone, leg.Negotiation.RemoteRtp);
    }

    [Fact]
    public void Rtp_goes_to_the_signalled_address_until_the_phones_rtp_arrives_then_to_its_source()
    {
        var leg = Negotiated();
        var ours = Rtp(1, 160, 0x1234);
        Assert.Equal(Phone, leg.DestinationFor(ours));

        Assert.Equal(PlainRtpDatagram.Rtp, leg.OnDatagram(Rtp(1, 0), PhoneBehindNat));
        Assert.Equal(PhoneBehindNat, leg.DestinationFor(ours));
        Assert.True(leg.TryPollEvent(out var e));
        Assert.Equal((PlainRtpLegEventKind.Latched, PhoneBehindNat), (e.Kind, e.Remote));

        // Another source while the latched one is live does not steal the stream.
        leg.OnDatagram(Rtp(2, 160), IPEndPoint.Parse("192.0.2.66:5000"));
        Assert.Equal(PhoneBehindNat, leg.DestinationFor(ours));
    }

    [Fact]
    public void Garbage_and_rtp_before_negotiation_are_ignored_and_counted()
    {
        var leg = NewLeg();
        Assert.Equal(PlainRtpDatagram.Ignored, leg.OnDatagram(Rtp(1, 0), Phone)); // not negotiated yet
        leg.CreateOffer();
        leg.AcceptAnswer(PhoneAnswer(), out _);
        Assert.Equal(PlainRtpDatagram.Ignored, leg.OnDatagram([0x00, 0x01, 0x02], Phone));
        Assert.Equal(PlainRtpDatagram.Ignored, leg.OnDatagram([0x80, 0xC8, 0x00, 0x40], Phone)); // RTCP with a lying length
        Assert.Equal(PlainRtpDatagram.Ignored, leg.OnDatagram(new byte[3], Phone, onRtcpPort: true));
        Assert.Equal(4, leg.Ignored);
        Assert.Null(leg.LatchedRemote);
    }

    [Fact]
    public void Reports_go_out_every_few_seconds_as_SR_with_our_counts_and_a_block_about_the_phone()
    {
        var leg = Negotiated();
        for (ushort s = 0; s < 50; s++)
        {
            if (s != 20) leg.OnDatagram(Rtp(s, (uint)(s * 160)), Phone); // one lost
            leg.DestinationFor(Rtp(s, (uint)(s * 160), 0x1234));
            _time.Advance(TimeSpan.FromMilliseconds(20));
        }
        var reports = new List<(byte[] Packet, IPEndPoint To)>();
        for (var i = 0; i < 200; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(100));
            leg.Tick();
            while (leg.TryPollRtcp(out var packet, out var to)) reports.Add((packet, to));
        }
        // 20 s at 5 s ± 50 %: between 3 and 7 reports.
        Assert.InRange(reports.Count, 3, 7);
        var (first, destination) = reports[0];
        Assert.Equal(IPEndPoint.Parse("192.0.2.10:40001"), destination);
        Assert.True(RtcpCompound.TryParse(first, out var compound, out var error), error.ToString());
        var sr = Assert.IsType<SenderReport>(compound!.Packets[0]);
        Assert.Equal((0x1234u, 50u, 50u * 160), (sr.Ssrc, sr.PacketCount, sr.OctetCount));
        var block = Assert.Single(sr.Reports);
        Assert.Equal((0xCAFEu, 1, 49u), (block.Ssrc, block.CumulativeLost, block.HighestSequence));
        Assert.IsType<SourceDescription>(compound.Packets[1]);
    }

    [Fact]
    public void Before_sending_anything_the_leg_reports_with_an_RR()
    {
        var leg = Negotiated();
        leg.OnDatagram(Rtp(7, 0), Phone);
        _time.Advance(TimeSpan.FromSeconds(8));
        leg.Tick();
        Assert.True(leg.TryPollRtcp(out var packet, out _));
        Assert.True(RtcpCompound.TryParse(packet, out var compound, out _));
        var rr = Assert.IsType<ReceiverReport>(compound!.Packets[0]);
        Assert.Equal(0xCAFEu, Assert.Single(rr.Reports).Ssrc);
    }

    [Fact]
    public void A_silent_phone_raises_media_timeout_once_and_media_resumed_when_rtp_returns()
    {
        var leg = Negotiated();
        leg.OnDatagram(Rtp(1, 0), Phone);
        leg.TryPollEvent(out _); // latched
        _time.Advance(TimeSpan.FromSeconds(19));
        leg.Tick();
        Assert.DoesNotContain(Events(leg), e => e.Kind == PlainRtpLegEventKind.MediaTimeout);
        _time.Advance(TimeSpan.FromSeconds(2));
        leg.Tick();
        leg.Tick();
        Assert.Single(Events(leg), e => e.Kind == PlainRtpLegEventKind.MediaTimeout);
        leg.OnDatagram(Rtp(2, 160), Phone);
        Assert.Single(Events(leg), e => e.Kind == PlainRtpLegEventKind.MediaResumed);
    }

    [Fact]
    public void Odd_ports_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new PlainRtpLeg(new PlainRtpLegOptions { Address = "203.0.113.5", RtpPort = 20001, SessionId = "1", Ssrc = 1 }));
        Assert.Contains("even", e.Message);
    }

    private static List<PlainRtpLegEvent> Events(PlainRtpLeg leg)
    {
        var events = new List<PlainRtpLegEvent>();
        while (leg.TryPollEvent(out var e)) events.Add(e);
        return events;
    }
}
