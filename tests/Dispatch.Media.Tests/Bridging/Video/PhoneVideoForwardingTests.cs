using System.Buffers.Binary;
using Dispatch.Media.Bridging.Video;
using Dispatch.Media.Sdp.Attributes;
using Dispatch.Media.Sdp.Negotiation;
using Dispatch.Media.WebRtc.Forwarding;
using Dispatch.Media.WebRtc.Rtcp;
using Dispatch.Media.WebRtc.Rtp;
using Microsoft.Extensions.Time.Testing;

namespace Dispatch.Media.Tests.Bridging.Video;

/// <summary>
/// The browser ⇄ phone video path through the real <see cref="LegForwarder"/>, sans-I/O: the phone's section as
/// <see cref="PhoneVideoSection"/> makes it, two recording legs in place of the SRTP and plain RTP sockets. H.264 goes
/// out with the receiver's payload type and our SSRC, numbering continuous across a sender's SSRC change, browser header
/// extensions stripped for the phone; the browser's key frame requests reach the phone as the phone asked for them.
/// </summary>
public sealed class PhoneVideoForwardingTests
{
    private const uint BrowserSource = 0x5EED;
    private const uint ToBrowser = 0xB0B;
    private const uint ToPhone = 0xF00;
    private const byte BrowserH264 = 108;
    private const byte BrowserVp8 = 96;
    private static readonly byte[] Payload = [0x7C, 0x85, 1, 2, 3, 4, 5]; // an FU-A start of an IDR slice (RFC 6184 §5.8)

    private readonly FakeTimeProvider _time = new();

    private static LegSection BrowserSection() => new("1", "video",
        [
            new NegotiatedCodec(BrowserVp8, "VP8", 90000, null, "", ["nack", "nack pli", "ccm fir"], 97),
            new NegotiatedCodec(BrowserH264, "H264", 90000, null, "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f", ["nack", "nack pli", "ccm fir"], 109),
        ],
        [new ExtMap(4, MediaCapabilities.MidUri), new ExtMap(3, MediaCapabilities.AbsSendTimeUri)])
    {
        Send = new LocalSendStream(ToBrowser, "s", "t", 0xB0C),
        RemoteSsrcs = [BrowserSource],
    };

    private static LegSection PhoneSection(string feedback)
    {
        var answered = new NegotiatedMedia(1, null, "video")
        {
            Codecs = [new NegotiatedCodec(100, "H264", 90000, null, "packetization-mode=1;profile-level-id=42e01f", feedback.Split(',', StringSplitOptions.RemoveEmptyEntries))],
        };
        return PhoneVideoSection.From(answered, 102, new LocalSendStream(ToPhone, "s", "v"), out _)!;
    }

    private (RecordingLeg Browser, RecordingLeg Phone, LegForwarder Forwarder) Join(string phoneFeedback = "nack pli")
    {
        var browser = new RecordingLeg("caller", [BrowserSection()], 0xAAA);
        var phone = new RecordingLeg("phone", [PhoneSection(phoneFeedback)], ToPhone);
        var forwarder = new LegForwarder(browser, phone, _time);
        browser.Sent.Clear();
        phone.Sent.Clear();
        browser.SentRtcp.Clear();
        phone.SentRtcp.Clear();
        return (browser, phone, forwarder);
    }

    private static byte[] Rtp(byte payloadType, ushort sequence, uint timestamp, uint ssrc, bool withExtensions = false)
    {
        RtpExtensionElement[] extensions = withExtensions ? [new(4, "1"u8.ToArray()), new(3, new byte[] { 1, 2, 3 })] : [];
        var buffer = new byte[1500];
        var length = RtpHeaderWriter.Write(buffer, true, payloadType, sequence, timestamp, ssrc, default, extensions);
        Payload.CopyTo(buffer.AsSpan(length));
        return buffer[..(length + Payload.Length)];
    }

    private static RtpHeader Header(byte[] packet)
    {
        Assert.True(RtpHeader.TryParse(packet, out var header, out _));
        return header;
    }

    [Fact]
    public void Browser_H264_reaches_the_phone_with_its_payload_type_our_SSRC_the_same_payload_and_no_browser_extensions()
    {
        var (browser, phone, forwarder) = Join();

        forwarder.OnRtp(browser, Rtp(BrowserH264, 1000, 90_000, BrowserSource, withExtensions: true));
        forwarder.OnRtp(browser, Rtp(BrowserH264, 1001, 93_000, BrowserSource, withExtensions: true));

        Assert.Equal(2, phone.Sent.Count);
        var header = Header(phone.Sent[1]);
        Assert.Equal((100, ToPhone, (ushort)1001, 93_000u), (header.PayloadType, header.Ssrc, header.SequenceNumber, header.Timestamp));
        Assert.True(header.ExtensionLength == 0, "the phone negotiated no header extension; the browser's are stripped");
        Assert.Equal(Payload, phone.Sent[1][header.PayloadOffset..(header.PayloadOffset + header.PayloadLength)]);
        Assert.True(header.Marker);
    }

    [Fact]
    public void Browser_VP8_has_nowhere_to_go_on_an_H264_phone()
    {
        var (browser, phone, forwarder) = Join();

        forwarder.OnRtp(browser, Rtp(BrowserVp8, 1, 0, BrowserSource));

        Assert.Empty(phone.Sent);
        Assert.Equal(1, forwarder.DroppedUnmapped);
    }

    [Fact]
    public void Phone_H264_reaches_the_browser_with_the_browsers_payload_type_and_continuous_numbering_across_an_SSRC_change()
    {
        var (browser, phone, forwarder) = Join();

        // The phone sends with our offer's type (102) first, then with its answer's (100): both are its formats.
        forwarder.OnRtp(phone, Rtp(102, 7, 1000, 0xCAFE));
        forwarder.OnRtp(phone, Rtp(100, 8, 4000, 0xCAFE));
        // The phone restarts its stream under a new SSRC and numbering (a re-INVITE, a camera switch).
        forwarder.OnRtp(phone, Rtp(100, 50_000, 777_000, 0xD00D));

        Assert.Equal(3, browser.Sent.Count);
        var headers = browser.Sent.Select(Header).ToList();
        Assert.All(headers, h => Assert.Equal((BrowserH264, ToBrowser), (h.PayloadType, h.Ssrc)));
        Assert.Equal([(ushort)7, (ushort)8, (ushort)9], headers.Select(h => h.SequenceNumber));
        Assert.True(headers[2].Timestamp - headers[1].Timestamp < 90_000u, "the new source is spliced in after the last timestamp, not at its own");
    }

    [Fact]
    public void A_browser_PLI_becomes_a_PLI_to_the_phone_that_asked_for_PLI()
    {
        var (browser, phone, forwarder) = Join("nack pli");
        forwarder.OnRtp(phone, Rtp(100, 7, 1000, 0xCAFE));
        phone.SentRtcp.Clear(); // the key frame asked for at the first forwarded packet

        forwarder.OnRtcp(browser, [new PictureLossIndication(default, 0xAAA, ToBrowser)]);

        var feedback = new PhoneVideoFeedback(phone.Sections[0].Codecs[0].Feedback, ToPhone);
        var written = new byte[1500];
        var length = feedback.Translate(Parse(phone.SentRtcp.Single()), written);
        var packets = Parse(written[..length]);
        Assert.IsType<ReceiverReport>(packets[0]);
        var pli = Assert.IsType<PictureLossIndication>(packets[1]);
        Assert.Equal((ToPhone, 0xCAFEu), (pli.SenderSsrc, pli.MediaSsrc));
        Assert.False(feedback.WantsFir);
    }

    [Fact]
    public void A_key_frame_request_becomes_a_FIR_with_a_new_sequence_number_each_time_for_a_phone_that_asked_for_FIR()
    {
        var feedback = new PhoneVideoFeedback(["ccm fir"], ToPhone);
        var written = new byte[1500];

        var first = Parse(written[..feedback.Translate([new PictureLossIndication(default, 1, 0xCAFE)], written)]);
        var second = Parse(written[..feedback.Translate([new FullIntraRequest(default, 1, [new FullIntraRequestEntry(0xCAFE, 9)])], written)]);

        var fir1 = Assert.IsType<FullIntraRequest>(first[1]);
        var fir2 = Assert.IsType<FullIntraRequest>(second[1]);
        Assert.Equal((ToPhone, 0xCAFEu, (byte)0), (fir1.SenderSsrc, fir1.Entries.Single().Ssrc, fir1.Entries.Single().SequenceNumber));
        Assert.Equal((byte)1, fir2.Entries.Single().SequenceNumber); // RFC 5104 §4.3.1.1: a new request, a new number
        Assert.Equal(2, feedback.KeyFrameRequests);
    }

    [Fact]
    public void NACKs_go_to_a_phone_only_when_it_asked_for_them_and_reports_never()
    {
        var nack = new GenericNack(default, 1, 0xCAFE, [5, 6]);
        var report = new SenderReport(default, 1, 0, 0, 0, 0, []);
        var written = new byte[1500];

        Assert.Equal(0, new PhoneVideoFeedback(["nack pli"], ToPhone).Translate([nack, report], written));
        var length = new PhoneVideoFeedback(["nack", "nack pli"], ToPhone).Translate([nack, report], written);
        var passed = Assert.IsType<GenericNack>(Parse(written[..length])[1]);
        Assert.Equal([(ushort)5, (ushort)6], passed.LostSequenceNumbers);
        Assert.Equal(0xCAFEu, passed.MediaSsrc);
    }

    [Fact]
    public void A_PLI_from_the_phone_asks_the_browser_for_a_key_frame()
    {
        var (browser, phone, forwarder) = Join();
        forwarder.OnRtp(browser, Rtp(BrowserH264, 1000, 90_000, BrowserSource));
        browser.SentRtcp.Clear();

        forwarder.OnRtcp(phone, [new PictureLossIndication(default, 0xCAFE, ToPhone)]);

        var pli = Assert.IsType<PictureLossIndication>(Parse(browser.SentRtcp.Single())[1]);
        Assert.Equal(BrowserSource, pli.MediaSsrc);
    }

    private static IReadOnlyList<RtcpPacket> Parse(byte[] compound)
    {
        Assert.True(RtcpCompound.TryParse(compound, out var parsed, out var error), error.ToString());
        return parsed!.Packets;
    }

    /// <summary>A connected leg that keeps what the forwarder sends it.</summary>
    private sealed class RecordingLeg(string id, IReadOnlyList<LegSection> sections, uint reporter) : IMediaLeg
    {
        public List<byte[]> Sent { get; } = [];

        public List<byte[]> SentRtcp { get; } = [];

        public string LegId => id;

        public IReadOnlyList<LegSection> Sections => sections;

        public bool IsConnected => true;

        public uint ReporterSsrc => reporter;

        public IMediaLegSink? Sink { get; set; }

        public bool SendRtp(ReadOnlySpan<byte> packet)
        {
            Sent.Add(packet.ToArray());
            return true;
        }

        public bool SendRtcp(ReadOnlySpan<byte> compound)
        {
            SentRtcp.Add(compound.ToArray());
            return true;
        }
    }
}
