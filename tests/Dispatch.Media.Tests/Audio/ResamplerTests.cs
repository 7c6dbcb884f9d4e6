using Dispatch.Media.Audio;
using Dispatch.Media.Audio.Resampling;

namespace Dispatch.Media.Tests.Audio;

public sealed class ResamplerTests
{
    private const int Frames = 25; // half a second

    private static short[] Downsample(double frequency)
    {
        var downsampler = new Downsampler();
        var output = new short[Frames * AudioFrame.NarrowbandSamples];
        for (var f = 0; f < Frames; f++)
        {
            var input = Signal.Tone(frequency, AudioFrame.FullbandRate, AudioFrame.FullbandSamples, 8000, f * AudioFrame.FullbandSamples);
            Assert.Equal(AudioFrame.NarrowbandSamples, downsampler.Process(input, output.AsSpan(f * AudioFrame.NarrowbandSamples)));
        }
        return output[AudioFrame.NarrowbandSamples..]; // skip the filter's start-up
    }

    private static short[] Upsample(double frequency)
    {
        var upsampler = new Upsampler();
        var output = new short[Frames * AudioFrame.FullbandSamples];
        for (var f = 0; f < Frames; f++)
        {
            var input = Signal.Tone(frequency, AudioFrame.NarrowbandRate, AudioFrame.NarrowbandSamples, 8000, f * AudioFrame.NarrowbandSamples);
            Assert.Equal(AudioFrame.FullbandSamples, upsampler.Process(input, output.AsSpan(f * AudioFrame.FullbandSamples)));
        }
        return output[AudioFrame.FullbandSamples..];
    }

    [Theory]
    [InlineData(300)]
    [InlineData(1000)]
    [InlineData(3000)]
    public void A_telephone_band_tone_keeps_its_level_going_down_to_8_kHz(double frequency)
    {
        var output = Downsample(frequency);
        var amplitude = Signal.AmplitudeAt(output, frequency, AudioFrame.NarrowbandRate);
        Assert.InRange(amplitude, 8000 * 0.95, 8000 * 1.05);
    }

    [Theory]
    [InlineData(6000)]  // would fold to 2 kHz
    [InlineData(5000)]  // would fold to 3 kHz
    [InlineData(10000)] // would fold to 2 kHz
    public void A_tone_above_the_8_kHz_band_is_removed_before_decimation_instead_of_folding_back(double frequency)
    {
        var output = Downsample(frequency);
        var alias = Math.Abs(frequency - AudioFrame.NarrowbandRate * Math.Round(frequency / AudioFrame.NarrowbandRate));
        // Sample dropping would leave the whole 8000 at the alias frequency; the filter leaves less than -60 dB of it.
        Assert.True(Signal.AmplitudeAt(output, alias, AudioFrame.NarrowbandRate) < 8, $"alias at {alias} Hz");
        Assert.True(Signal.Rms(output) < 8, $"rms {Signal.Rms(output)}");
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(3000)]
    public void A_tone_going_up_to_48_kHz_keeps_its_frequency_and_level_with_no_images(double frequency)
    {
        var output = Upsample(frequency);
        Assert.InRange(Signal.AmplitudeAt(output, frequency, AudioFrame.FullbandRate), 8000 * 0.95, 8000 * 1.05);
        // Zero-stuffing makes images at 8 kHz ± f; the interpolation filter removes them.
        Assert.True(Signal.AmplitudeAt(output, AudioFrame.NarrowbandRate - frequency, AudioFrame.FullbandRate) < 8);
        Assert.True(Signal.AmplitudeAt(output, AudioFrame.NarrowbandRate + frequency, AudioFrame.FullbandRate) < 8);
    }

    [Fact]
    public void Frames_join_without_a_discontinuity()
    {
        var output = Upsample(1000);
        // A 1 kHz sine of amplitude 8000 at 48 kHz moves at most 2π·1000/48000·8000 ≈ 1047 per sample.
        for (var i = 1; i < output.Length; i++) Assert.True(Math.Abs(output[i] - output[i - 1]) < 1100, $"jump at {i}");
    }

    [Fact]
    public void The_filter_has_unity_gain_at_dc()
    {
        Assert.Equal(1.0, AntiAliasFilter.Design().Sum(t => (double)t), 5);
    }
}
