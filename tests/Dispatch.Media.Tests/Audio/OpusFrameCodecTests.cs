using Dispatch.Media.Audio;
using Dispatch.Media.Audio.Opus;

namespace Dispatch.Media.Tests.Audio;

public sealed class OpusFrameCodecTests
{
    private static List<byte[]> EncodeTone(double frequency, int frames)
    {
        var encoder = new OpusFrameEncoder();
        var packets = new List<byte[]>();
        var buffer = new byte[OpusFrameEncoder.MaxPacketBytes];
        for (var f = 0; f < frames; f++)
        {
            var pcm = Signal.Tone(frequency, AudioFrame.FullbandRate, AudioFrame.FullbandSamples, 8000, f * AudioFrame.FullbandSamples);
            var length = encoder.Encode(pcm, buffer);
            Assert.InRange(length, 1, OpusFrameEncoder.MaxPacketBytes);
            packets.Add(buffer[..length]);
        }
        return packets;
    }

    [Fact]
    public void A_tone_encoded_and_decoded_keeps_its_frequency_and_most_of_its_energy()
    {
        var packets = EncodeTone(1000, 25);
        var decoder = new OpusFrameDecoder();
        var output = new short[packets.Count * AudioFrame.FullbandSamples];
        for (var i = 0; i < packets.Count; i++)
            Assert.True(decoder.Decode(packets[i], output.AsSpan(i * AudioFrame.FullbandSamples, AudioFrame.FullbandSamples)));

        var steady = output.AsSpan(5 * AudioFrame.FullbandSamples);
        Assert.InRange(Signal.AmplitudeAt(steady, 1000, AudioFrame.FullbandRate), 8000 * 0.7, 8000 * 1.3);
        Assert.True(Signal.AmplitudeAt(steady, 1800, AudioFrame.FullbandRate) < 400);
    }

    [Fact]
    public void A_lost_frame_is_rebuilt_from_the_next_packets_fec_or_concealed_not_left_silent()
    {
        var packets = EncodeTone(700, 30);
        var decoder = new OpusFrameDecoder();
        var frame = new short[AudioFrame.FullbandSamples];
        for (var i = 0; i < 20; i++) decoder.Decode(packets[i], frame);

        decoder.Conceal(packets[21], frame); // frame 20 is lost; 21 carries its LBRR copy
        Assert.True(Signal.AmplitudeAt(frame, 700, AudioFrame.FullbandRate) > 8000 * 0.3, "FEC frame lost the tone");
        decoder.Decode(packets[21], frame);

        decoder.Conceal(default, frame); // no next packet: PLC continues the tone
        Assert.True(Signal.Rms(frame) > 500, "PLC produced silence");
    }

    [Fact]
    public void A_corrupt_packet_costs_one_concealed_frame_and_no_exception()
    {
        var decoder = new OpusFrameDecoder();
        var frame = new short[AudioFrame.FullbandSamples];
        // TOC byte of a 2.5 ms CELT frame (config 16): the wrong duration for a 20 ms stream.
        Assert.False(decoder.Decode([0x80, 0xFF, 0xFF], frame));
        // Code 3 with a frame count of zero is invalid (RFC 6716 §3.2.5).
        Assert.False(decoder.Decode([0x03, 0x00], frame));
        var packets = EncodeTone(1000, 3);
        Assert.True(decoder.Decode(packets[0], frame));
    }
}
