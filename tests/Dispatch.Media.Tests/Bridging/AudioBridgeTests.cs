using Dispatch.Media.Audio;
using Dispatch.Media.Audio.Dtmf;
using Dispatch.Media.Audio.G711;
using Dispatch.Media.Audio.Opus;
using Dispatch.Media.Bridging;
using Dispatch.Media.Tests.Audio;
using Dispatch.Media.WebRtc.Rtp;

namespace Dispatch.Media.Tests.Bridging;

/// <summary>The bridge in virtual time: RTP in on one side every 20 ms, RTP out on the other, decoded and measured.</summary>
public sealed class AudioBridgeTests
{
    private static readonly TimeSpan Frame = AudioFrame.Duration;

    private static byte[] Rtp(byte payloadType, ushort sequence, uint timestamp, uint ssrc, ReadOnlySpan<byte> payload, bool marker = false)
    {
        var packet = new byte[RtpHeader.FixedLength + payload.Length];
        RtpHeaderWriter.Write(packet, marker, payloadType, sequence, timestamp, ssrc);
        payload.CopyTo(packet.AsSpan(RtpHeader.FixedLength));
        return packet;
    }

    private static List<byte[]> Drain(Func<byte[], (bool, int)> poll)
    {
        var packets = new List<byte[]>();
        var buffer = new byte[1500];
        while (true)
        {
            var (ok, length) = poll(buffer);
            if (!ok) return packets;
            packets.Add(buffer[..length]);
        }
    }

    private static List<byte[]> ToSip(AudioBridge bridge) => Drain(b => (bridge.TryPollToSip(b, out var n), n));

    private static List<byte[]> ToWebRtc(AudioBridge bridge) => Drain(b => (bridge.TryPollToWebRtc(b, out var n), n));

    private static RtpHeader Header(byte[] packet)
    {
        Assert.True(RtpHeader.TryParse(packet, out var header, out _));
        return header;
    }

    /// <summary>Sends <paramref name="frames"/> Opus frames of a tone from the "browser", one per tick (skipping lost ones).</summary>
    private static List<byte[]> RunWebRtcTone(AudioBridge bridge, double frequency, int frames, ISet<int>? lost = null)
    {
        var encoder = new OpusFrameEncoder();
        var buffer = new byte[OpusFrameEncoder.MaxPacketBytes];
        var output = new List<byte[]>();
        for (var f = 0; f < frames; f++)
        {
            var now = Frame * f;
            var pcm = Signal.Tone(frequency, AudioFrame.FullbandRate, AudioFrame.FullbandSamples, 8000, f * AudioFrame.FullbandSamples);
            var length = encoder.Encode(pcm, buffer);
            if (lost is null || !lost.Contains(f))
                Assert.True(bridge.FromWebRtc(Rtp(111, (ushort)(40000 + f), (uint)(f * 960), 0xAAAA, buffer.AsSpan(0, length)), now));
            bridge.Tick(now);
            output.AddRange(ToSip(bridge));
        }
        return output;
    }

    private static short[] DecodeG711(IEnumerable<byte[]> packets, G711Law law)
    {
        var samples = new List<short>();
        foreach (var p in packets)
        {
            var h = Header(p);
            var pcm = new short[h.PayloadLength];
            G711Codec.Decode(law, p.AsSpan(h.PayloadOffset, h.PayloadLength), pcm);
            samples.AddRange(pcm);
        }
        return samples.ToArray();
    }

    [Fact]
    public void A_browser_tone_reaches_the_phone_as_G711_with_its_frequency_and_energy()
    {
        var bridge = new AudioBridge(new AudioBridgeOptions { ToSipSsrc = 0x5151 });
        var packets = RunWebRtcTone(bridge, 1000, 50);

        Assert.InRange(packets.Count, 44, 48); // all but the 60 ms playout delay
        var headers = packets.Select(Header).ToList();
        Assert.All(headers, h => Assert.Equal((byte)0, h.PayloadType));
        Assert.All(headers, h => Assert.Equal(0x5151u, h.Ssrc));
        Assert.All(headers, h => Assert.Equal(160, h.PayloadLength));
        Assert.True(headers[0].Marker);
        for (var i = 1; i < headers.Count; i++)
        {
            Assert.Equal((ushort)(headers[i - 1].SequenceNumber + 1), headers[i].SequenceNumber);
            Assert.Equal(headers[i - 1].Timestamp + 160, headers[i].Timestamp);
            Assert.False(headers[i].Marker);
        }
        var pcm = DecodeG711(packets.Skip(10), G711Law.MuLaw);
        Assert.InRange(Signal.AmplitudeAt(pcm, 1000, AudioFrame.NarrowbandRate), 8000 * 0.6, 8000 * 1.3);
        Assert.True(Signal.AmplitudeAt(pcm, 2500, AudioFrame.NarrowbandRate) < 300);
    }

    [Fact]
    public void A_phone_tone_reaches_the_browser_as_Opus_with_its_frequency_and_energy()
    {
        var bridge = new AudioBridge(new AudioBridgeOptions { SipLaw = G711Law.ALaw, ToWebRtcSsrc = 0x7777, WebRtcOpusPayloadType = 109 });
        var output = new List<byte[]>();
        var codes = new byte[160];
        for (var f = 0; f < 50; f++)
        {
            var now = Frame * f;
            G711Codec.Encode(G711Law.ALaw, Signal.Tone(600, AudioFrame.NarrowbandRate, 160, 8000, f * 160), codes);
            Assert.True(bridge.FromSip(Rtp(8, (ushort)(65530 + f), (uint)(f * 160), 0xBEEF, codes), now));
            bridge.Tick(now);
            output.AddRange(ToWebRtc(bridge));
        }

        var headers = output.Select(Header).ToList();
        Assert.InRange(headers.Count, 44, 48);
        Assert.All(headers, h => Assert.Equal((109, 0x7777u), (h.PayloadType, h.Ssrc)));
        for (var i = 1; i < headers.Count; i++) Assert.Equal(headers[i - 1].Timestamp + 960, headers[i].Timestamp);

        var decoder = new OpusFrameDecoder();
        var pcm = new short[output.Count * 960];
        for (var i = 0; i < output.Count; i++)
            Assert.True(decoder.Decode(output[i].AsSpan(headers[i].PayloadOffset, headers[i].PayloadLength), pcm.AsSpan(i * 960, 960)));
        var steady = pcm.AsSpan(10 * 960);
        Assert.InRange(Signal.AmplitudeAt(steady, 600, AudioFrame.FullbandRate), 8000 * 0.6, 8000 * 1.3);
        Assert.True(Signal.AmplitudeAt(steady, 1500, AudioFrame.FullbandRate) < 300);
    }

    [Fact]
    public void Lost_browser_frames_are_concealed_so_the_phone_still_gets_one_packet_every_20_ms()
    {
        var bridge = new AudioBridge();
        var packets = RunWebRtcTone(bridge, 1000, 50, new HashSet<int> { 20, 30, 31 });
        var headers = packets.Select(Header).ToList();
        for (var i = 1; i < headers.Count; i++) Assert.Equal(headers[i - 1].Timestamp + 160, headers[i].Timestamp);
        Assert.Equal(3, bridge.Statistics.FromWebRtc.Lost);
        // The concealed stretch still carries the tone (FEC or PLC), not a hole of silence.
        var pcm = DecodeG711(packets.Skip(15).Take(20), G711Law.MuLaw);
        Assert.True(Signal.AmplitudeAt(pcm, 1000, AudioFrame.NarrowbandRate) > 8000 * 0.4);
    }

    [Fact]
    public void Dtmf_from_the_phone_reaches_the_browser_rescaled_to_48_kHz_with_end_retransmissions()
    {
        var bridge = new AudioBridge(new AudioBridgeOptions { WebRtcTelephoneEventPayloadType = 110, ToWebRtcSsrc = 9 });
        var codes = new byte[160];
        for (var f = 0; f < 10; f++)
        {
            bridge.FromSip(Rtp(0, (ushort)f, (uint)(f * 160), 1, codes), Frame * f);
            bridge.Tick(Frame * f);
        }
        ToWebRtc(bridge);
        ushort[] durations = [160, 320, 480, 480, 480];
        for (var i = 0; i < durations.Length; i++)
        {
            var payload = new byte[4];
            new TelephoneEvent(5, i >= 2, 10, durations[i]).Write(payload);
            Assert.True(bridge.FromSip(Rtp(101, (ushort)(10 + i), 1600, 1, payload, marker: i == 0), Frame * 10));
        }
        var events = ToWebRtc(bridge).Select(p => (Header: Header(p), Packet: p)).Where(e => e.Header.PayloadType == 110).ToList();

        Assert.Equal(5, events.Count);
        Assert.Single(events.Select(e => e.Header.Timestamp).Distinct());
        Assert.Equal([true, false, false, false, false], events.Select(e => e.Header.Marker));
        Assert.All(events, e => Assert.Equal(9u, e.Header.Ssrc));
        var parsed = events.Select(e => { TelephoneEvent.TryParse(e.Packet.AsSpan(e.Header.PayloadOffset), out var t, out _); return t; }).ToList();
        Assert.Equal([960, 1920, 2880, 2880, 2880], parsed.Select(t => (int)t.Duration));
        Assert.Equal([false, false, true, true, true], parsed.Select(t => t.End));
        Assert.All(parsed, t => Assert.Equal('5', t.Key));
        Assert.Equal(5, bridge.Statistics.DtmfToWebRtc);
    }

    [Fact]
    public void Dtmf_from_the_browser_reaches_the_phone_rescaled_to_8_kHz_in_the_phones_sequence()
    {
        var bridge = new AudioBridge();
        RunWebRtcTone(bridge, 1000, 10);
        var payload = new byte[4];
        new TelephoneEvent(11, true, 10, 4800).Write(payload);
        Assert.True(bridge.FromWebRtc(Rtp(126, 50, 123456, 0xAAAA, payload, marker: true), Frame * 10));
        bridge.Tick(Frame * 10);
        var packets = ToSip(bridge).Select(p => (Header: Header(p), Packet: p)).ToList();
        var dtmf = Assert.Single(packets, p => p.Header.PayloadType == 101);
        TelephoneEvent.TryParse(dtmf.Packet.AsSpan(dtmf.Header.PayloadOffset), out var e, out _);
        Assert.Equal(new TelephoneEvent(11, true, 10, 800), e);
        var audio = packets.Single(p => p.Header.PayloadType == 0);
        Assert.Equal((ushort)(dtmf.Header.SequenceNumber + 1), audio.Header.SequenceNumber); // one sequence space
    }

    [Fact]
    public void Garbage_and_unknown_payload_types_are_counted_and_ignored_without_stopping_the_bridge()
    {
        var bridge = new AudioBridge();
        Assert.False(bridge.FromSip([1, 2, 3], TimeSpan.Zero));
        Assert.False(bridge.FromSip(new byte[40], TimeSpan.Zero)); // version 0
        Assert.False(bridge.FromSip(Rtp(13, 1, 1, 1, [0x40]), TimeSpan.Zero)); // comfort noise
        Assert.False(bridge.FromWebRtc(Rtp(126, 1, 1, 1, [1, 2]), TimeSpan.Zero)); // short telephone-event
        Assert.False(bridge.FromWebRtc(Rtp(96, 1, 1, 1, [1, 2]), TimeSpan.Zero));
        Assert.Equal(3, bridge.Statistics.Malformed);
        Assert.Equal(2, bridge.Statistics.UnknownPayloadType);

        Assert.True(bridge.FromWebRtc(Rtp(111, 1, 960, 1, [0x80, 0xFF, 0xFF]), TimeSpan.Zero)); // a corrupt Opus frame
        for (var f = 0; f < 5; f++) bridge.Tick(Frame * f);
        Assert.Equal(1, bridge.Statistics.CorruptOpus);
        Assert.NotEmpty(ToSip(bridge));
    }

    [Fact]
    public void A_stalled_host_catches_up_with_a_bounded_burst()
    {
        var bridge = new AudioBridge();
        RunWebRtcTone(bridge, 1000, 5);
        bridge.Tick(TimeSpan.FromSeconds(10));
        Assert.True(ToSip(bridge).Count <= 11);
    }
}
