using System.Text;
using Dispatch.Media.Sdp.Negotiation;
using System.Text.RegularExpressions;
using Dispatch.Media.Tests.WebRtc.Dtls;
using Dispatch.Media.Tests.WebRtc.Ice;
using Dispatch.Media.Tests.WebRtc.Peer;
using Dispatch.Media.WebRtc.Forwarding;
using Dispatch.Media.WebRtc.Ice;
using Dispatch.Media.WebRtc.Stun;
using Dispatch.Media.WebRtc.Peer;
using Dispatch.Media.WebRtc.Rtcp;
using Dispatch.Media.WebRtc.Rtp;
using static Dispatch.Media.Tests.WebRtc.Forwarding.CallHarness;

namespace Dispatch.Media.Tests.WebRtc.Forwarding;

/// <summary>Two browsers through two call legs and a forwarder, in memory and virtual time, with and without loss.</summary>
public sealed class LegForwarderTests
{
    private const int Packets = 100;

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.2, 0.1)]
    public void Each_browser_gets_the_others_media_in_its_own_payload_types_ssrcs_and_extension_ids(double loss, double reorder)
    {
        using var call = Connected(new LossyNetwork(seed: 21, loss, reorder));

        for (var i = 0; i < Packets; i++)
        {
            var seq = (ushort)(65500 + i);
            call.SendRtp(call.A, false, 111, seq, (uint)(960 * i), ChromiumAudioSsrc, Payload('a', i),
                new RtpExtensionElement(1, new byte[] { 0x85 }), new RtpExtensionElement(4, "0"u8.ToArray()));
            call.SendRtp(call.A, i % 3 == 2, 96, seq, (uint)(3000 * (i / 3)), ChromiumVideoSsrc, Payload('v', i),
                new RtpExtensionElement(4, "1"u8.ToArray()), new RtpExtensionElement(14, new byte[] { 0, 0, 1 }));
            call.SendRtp(call.B, false, 117, (ushort)(100 + i), (uint)(960 * i), OtherAudioSsrc, Payload('b', i),
                new RtpExtensionElement(9, "au"u8.ToArray()));
            call.SendRtp(call.B, false, 120, (ushort)(200 + i), (uint)(3000 * i), OtherVideoSsrc, Payload('w', i),
                new RtpExtensionElement(9, "vi"u8.ToArray()));
            call.Round();
        }
        call.Rounds(30);

        var minimum = (int)(Packets * (1 - loss) * (1 - loss) * 0.7);
        var atB = call.B.ReceivedRtp;
        var audioAtB = atB.Where(p => p.Header.PayloadType == 117).ToList();
        var videoAtB = atB.Where(p => p.Header.PayloadType == 120).ToList();
        Assert.True(audioAtB.Count >= minimum, $"B got {audioAtB.Count} audio packets, wanted at least {minimum}");
        Assert.True(videoAtB.Count >= minimum, $"B got {videoAtB.Count} video packets, wanted at least {minimum}");
        Assert.All(audioAtB, p =>
        {
            Assert.Equal(call.B.AudioSsrc, p.Header.Ssrc);
            var i = (ushort)(p.Header.SequenceNumber - 65500);
            Assert.Equal(960u * i, p.Header.Timestamp);
            Assert.Equal(Payload('a', i), p.Packet.AsSpan(p.Header.PayloadOffset, p.Header.PayloadLength).ToArray());
            var extensions = Extensions(p.Packet, p.Header);
            Assert.Equal("au", Encoding.ASCII.GetString(extensions[9]));
            Assert.Equal([0x85], extensions[1]);
            Assert.False(extensions.ContainsKey(4), "A's MID id 4 means nothing to B and must not pass");
        });
        Assert.All(videoAtB, p =>
        {
            Assert.Equal(call.B.VideoSsrc, p.Header.Ssrc);
            Assert.Equal(Payload('v', (ushort)(p.Header.SequenceNumber - 65500)), p.Packet.AsSpan(p.Header.PayloadOffset, p.Header.PayloadLength).ToArray());
            var extensions = Extensions(p.Packet, p.Header);
            Assert.Equal("vi", Encoding.ASCII.GetString(extensions[9]));
            Assert.Equal([0, 0, 1], extensions[14]);
        });
        var atA = call.A.ReceivedRtp;
        var audioAtA = atA.Where(p => p.Header.PayloadType == 111).ToList();
        var videoAtA = atA.Where(p => p.Header.PayloadType == 96).ToList();
        Assert.True(audioAtA.Count >= minimum, $"A got {audioAtA.Count} audio packets, wanted at least {minimum}");
        Assert.True(videoAtA.Count >= minimum, $"A got {videoAtA.Count} video packets, wanted at least {minimum}");
        Assert.All(audioAtA, p =>
        {
            Assert.Equal(call.A.AudioSsrc, p.Header.Ssrc);
            Assert.Equal(Payload('b', p.Header.SequenceNumber - 100), p.Packet.AsSpan(p.Header.PayloadOffset, p.Header.PayloadLength).ToArray());
            Assert.Equal("0", Encoding.ASCII.GetString(Extensions(p.Packet, p.Header)[4]));
        });
        Assert.All(videoAtA, p => Assert.Equal(call.A.VideoSsrc, p.Header.Ssrc));
        Assert.DoesNotContain(atA.Concat(atB), p => p.Header.Ssrc is ChromiumAudioSsrc or ChromiumVideoSsrc or OtherAudioSsrc or OtherVideoSsrc);
        Assert.Equal(0, call.Forwarder!.DroppedUnmapped);
    }

    [Fact]
    public void Pli_fir_and_nack_from_one_browser_reach_the_other_browsers_sources_and_sender_reports_are_mirrored()
    {
        using var call = Connected(new LossyNetwork(seed: 22, 0, 0));
        for (var i = 0; i < 10; i++)
        {
            call.SendRtp(call.A, false, 96, (ushort)(5000 + i), (uint)(3000 * i), ChromiumVideoSsrc, Payload('v', i));
            call.Round();
        }
        call.A.ReceivedRtcp.Clear();
        var buffer = new byte[1500];

        var length = ReceiverReport.Write(buffer, OtherAudioSsrc, []);
        length += PictureLossIndication.Write(buffer.AsSpan(length), OtherAudioSsrc, call.B.VideoSsrc);
        length += GenericNack.Write(buffer.AsSpan(length), OtherAudioSsrc, call.B.VideoSsrc, [5003, 5004, 5007]);
        call.SendRtcp(call.B, buffer.AsSpan(0, length));
        const ulong ntp = 0xE5A1_0000_8000_0000;
        length = SenderReport.Write(buffer, ChromiumVideoSsrc, ntp, 27_000, 10, 1000);
        call.SendRtcp(call.A, buffer.AsSpan(0, length));
        // The browser resends 5003 on its rtx stream: RFC 4588 §4, the original sequence number leads the payload.
        call.SendRtp(call.A, false, 97, 1, 3000 * 3, ChromiumVideoRtxSsrc, [0x13, 0x8B, .. Payload('v', 3)]);
        call.Rounds(10);

        Assert.Contains(call.A.ReceivedRtcp, p => p is PictureLossIndication { MediaSsrc: ChromiumVideoSsrc });
        var nack = Assert.Single(call.A.ReceivedRtcp.OfType<GenericNack>());
        Assert.Equal(ChromiumVideoSsrc, nack.MediaSsrc);
        Assert.Equal([5003, 5004, 5007], nack.LostSequenceNumbers);
        var sr = Assert.Single(call.B.ReceivedRtcp.OfType<SenderReport>(), r => r.Ssrc == call.B.VideoSsrc);
        Assert.Equal(ntp, sr.NtpTimestamp);
        Assert.Equal(27_000u, sr.RtpTimestamp);
        Assert.Equal(10u, sr.PacketCount);
        var rtx = Assert.Single(call.B.ReceivedRtp, p => p.Header.PayloadType == 121);
        Assert.Equal(call.B.VideoRtxSsrc, rtx.Header.Ssrc);
        Assert.Equal(5003, rtx.Packet[rtx.Header.PayloadOffset] << 8 | rtx.Packet[rtx.Header.PayloadOffset + 1]);
        Assert.True(call.Forwarder!.TranslatedNacks >= 1);

        // FIR (RFC 5104 §4.3.1) names its target in the FCI; it becomes a PLI to the source too.
        call.A.ReceivedRtcp.Clear();
        length = ReceiverReport.Write(buffer, OtherAudioSsrc, []);
        length += Fir(buffer.AsSpan(length), OtherAudioSsrc, call.B.VideoSsrc);
        call.SendRtcp(call.B, buffer.AsSpan(0, length));
        call.Rounds(5);
        Assert.Contains(call.A.ReceivedRtcp, p => p is PictureLossIndication { MediaSsrc: ChromiumVideoSsrc });
    }

    [Fact]
    public void Media_sent_before_the_other_leg_connects_is_dropped_not_queued_and_a_key_frame_is_asked_for_once_both_are_up()
    {
        using var call = new CallHarness(new LossyNetwork(seed: 23, 0, 0));
        call.Join();
        call.B.Checks = false;
        call.RunUntil(() => call.A.Connected, "leg A connected");
        for (var i = 0; i < 20; i++)
        {
            call.SendRtp(call.A, false, 96, (ushort)(100 + i), (uint)(3000 * i), ChromiumVideoSsrc, Payload('v', i));
            call.Round();
        }
        Assert.Equal(20, call.Forwarder!.DroppedNotConnected);
        call.A.ReceivedRtcp.Clear();

        call.B.Checks = true;
        call.RunUntil(() => call.B.Connected, "leg B connected");
        call.Rounds(3);
        Assert.Contains(call.A.ReceivedRtcp, p => p is PictureLossIndication { MediaSsrc: ChromiumVideoSsrc });
        for (var i = 20; i < 30; i++)
        {
            call.SendRtp(call.A, false, 96, (ushort)(100 + i), (uint)(3000 * i), ChromiumVideoSsrc, Payload('v', i));
            call.Round();
        }
        call.Rounds(5);

        var seqs = call.B.ReceivedRtp.Select(p => (int)p.Header.SequenceNumber).ToList();
        Assert.Equal(Enumerable.Range(120, 10), seqs);
    }

    [Fact]
    public void A_two_second_blackout_on_one_leg_keeps_both_legs_and_media_flows_again()
    {
        using var call = Connected(new LossyNetwork(seed: 24, 0, 0));
        call.B.Blackout = true;
        for (var i = 0; i < 200; i++)
        {
            call.SendRtp(call.A, false, 111, (ushort)i, (uint)(960 * i), ChromiumAudioSsrc, Payload('a', i));
            call.Round();
        }
        call.B.Blackout = false;
        call.B.ReceivedRtp.Clear();
        for (var i = 200; i < 220; i++)
        {
            call.SendRtp(call.A, false, 111, (ushort)i, (uint)(960 * i), ChromiumAudioSsrc, Payload('a', i));
            call.SendRtp(call.B, false, 117, (ushort)i, (uint)(960 * i), OtherAudioSsrc, Payload('b', i));
            call.Round();
        }
        call.Rounds(5);

        Assert.DoesNotContain(call.A.LegEvents.Concat(call.B.LegEvents), e => e is WebRtcPeerClosed);
        Assert.Equal(Enumerable.Range(200, 20), call.B.ReceivedRtp.Select(p => (int)p.Header.SequenceNumber));
        Assert.Contains(call.A.ReceivedRtp, p => p.Header.SequenceNumber == 219 && p.Header.Ssrc == call.A.AudioSsrc);
    }

    [Fact]
    public void A_browser_silent_for_thirty_seconds_loses_its_leg_to_consent_expiry_with_the_reason()
    {
        using var call = Connected(new LossyNetwork(seed: 25, 0, 0));
        call.B.Blackout = true;

        call.Time.Advance(TimeSpan.FromSeconds(31));
        call.Rounds(2);

        var closed = Assert.Single(call.B.LegEvents.OfType<WebRtcPeerClosed>());
        Assert.Contains("consent", closed.Reason);
        Assert.True(call.B.Leg.Peer.IsClosed);
        Assert.False(call.A.Leg.Peer.IsClosed);
    }

    [Fact]
    public void The_answers_carry_no_transport_cc_and_keep_each_browsers_payload_types()
    {
        using var call = new CallHarness(new LossyNetwork(seed: 26, 0, 0));

        Assert.DoesNotContain(MediaCapabilities.TransportCcUri, call.A.Leg.AnswerSdp);
        Assert.Contains("a=rtpmap:111 opus/48000/2", call.A.Leg.AnswerSdp);
        Assert.Contains("a=rtpmap:117 opus/48000/2", call.B.Leg.AnswerSdp);
        Assert.Contains("a=rtpmap:120 VP8/90000", call.B.Leg.AnswerSdp);
        Assert.Contains("a=extmap:9 urn:ietf:params:rtp-hdrext:sdes:mid", call.B.Leg.AnswerSdp);
    }

    [Fact]
    public void A_re_offer_with_new_ice_credentials_restarts_ice_and_keeps_dtls_ssrcs_and_media()
    {
        using var call = Connected(new LossyNetwork(seed: 27, 0, 0));
        var oldUfrag = call.B.Leg.LocalUfrag;
        var oldPassword = IcePassword(call.B.Leg.AnswerSdp);
        var restart = IceCredentials.NewRandom();
        var reOffer = Regex.Replace(Regex.Replace(call.B.Offer, "a=ice-ufrag:[^\r\n]+", "a=ice-ufrag:" + restart.Ufrag), "a=ice-pwd:[^\r\n]+", "a=ice-pwd:" + restart.Password);
        call.B.Checks = false;

        var answer = call.B.Leg.Renegotiate(reOffer, out var restarted);

        Assert.True(restarted);
        Assert.NotEqual(oldUfrag, call.B.Leg.LocalUfrag);
        Assert.Contains("a=ice-ufrag:" + call.B.Leg.LocalUfrag, answer);
        Assert.NotEqual(oldPassword, IcePassword(answer));
        Assert.Contains(DtlsPair.ServerCertificate.Fingerprint.ToSdpValue(), answer);
        Assert.Contains($"a=ssrc:{call.B.VideoSsrc} ", answer);
        Assert.Equal(StunMessageType.BindingErrorResponse, CheckAnswer(call.B, $"{oldUfrag}:{Regex.Match(call.B.Offer, "a=ice-ufrag:([^\\r\\n]+)").Groups[1].Value}", oldPassword));
        Assert.Equal(StunMessageType.BindingSuccessResponse, CheckAnswer(call.B, $"{call.B.Leg.LocalUfrag}:{restart.Ufrag}", IcePassword(answer)));
        for (var i = 0; i < 10; i++)
        {
            call.SendRtp(call.A, false, 111, (ushort)(300 + i), (uint)(960 * i), ChromiumAudioSsrc, Payload('a', i));
            call.Round();
        }
        call.Rounds(3);
        Assert.Equal(Enumerable.Range(300, 10), call.B.ReceivedRtp.Select(p => (int)p.Header.SequenceNumber));
        var refused = Assert.Throws<CallLegOfferException>(() => call.B.Leg.Renegotiate(
            reOffer.Replace(DtlsPair.ClientCertificate.Fingerprint.ToSdpValue(), DtlsPair.ServerCertificate.Fingerprint.ToSdpValue()), out _));
        Assert.Contains("fingerprint", refused.Message);
    }

    /// <summary>Feeds one connectivity check to a leg and returns the type of its STUN answer.</summary>
    private static ushort CheckAnswer(BrowserSide side, string username, string password)
    {
        side.Leg.HandleDatagram(BindingRequests.Check(username, password, useCandidate: true), side.Address);
        while (side.Leg.TryPollTransmit(out var datagram))
        {
            var bytes = datagram.Span.ToArray();
            datagram.Release();
            if (StunMessage.TryParse(bytes, out var message, out _))
            {
                return message!.Type;
            }
        }
        return 0;
    }

    private static string IcePassword(string sdp) => Regex.Match(sdp, "a=ice-pwd:([^\r\n]+)").Groups[1].Value;

    private static CallHarness Connected(LossyNetwork network)
    {
        var call = new CallHarness(network);
        call.Join();
        call.RunUntil(() => call.A.Connected && call.B.Connected, "both legs connected");
        call.Rounds(3);
        return call;
    }

    private static byte[] Payload(char kind, int i) => Encoding.ASCII.GetBytes($"{kind}{i:D4}-payload-{kind}");

    private static Dictionary<byte, byte[]> Extensions(byte[] packet, RtpHeader header)
    {
        var found = new Dictionary<byte, byte[]>();
        var reader = RtpExtensionReader.Of(packet, header);
        while (reader.TryReadNext(out var id, out var value))
        {
            found[id] = value.ToArray();
        }
        return found;
    }

    /// <summary>FIR (RFC 5104 §4.3.1.1): PSFB FMT 4, media SSRC 0, one FCI entry of target SSRC and command sequence number.</summary>
    private static int Fir(Span<byte> destination, uint sender, uint target)
    {
        new RtcpHeader(false, 4, RtcpPacketType.PayloadFeedback, 4).Write(destination);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(destination[4..], sender);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(destination[8..], 0);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(destination[12..], target);
        destination[16] = 1;
        destination[17] = destination[18] = destination[19] = 0;
        return 20;
    }
}
