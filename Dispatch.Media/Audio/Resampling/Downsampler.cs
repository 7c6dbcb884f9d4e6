namespace Dispatch.Media.Audio.Resampling;

/// <summary>
/// 48 kHz → 8 kHz: low-pass with <see cref="AntiAliasFilter"/>, then keep every sixth sample, computing only the
/// kept outputs. Keeps the last taps of input between calls so frames join without a click. One per stream.
/// </summary>
public sealed class Downsampler
{
    private const int Factor = AudioFrame.RateRatio;
    private static readonly float[] Taps = AntiAliasFilter.Design();

    // Past input (TapCount - 1 samples) followed by the current frame.
    private readonly float[] _window = new float[AntiAliasFilter.TapCount - 1 + AudioFrame.FullbandSamples];

    /// <summary>Converts one frame; input length must be a multiple of 6 and at most 960. Returns samples written.</summary>
    public int Process(ReadOnlySpan<short> input, Span<short> output)
    {
        if (input.Length % Factor != 0 || input.Length > AudioFrame.FullbandSamples)
            throw new ArgumentException("The 48 kHz input must be whole 8 kHz samples, at most one 20 ms frame.", nameof(input));
        var history = AntiAliasFilter.TapCount - 1;
        for (var i = 0; i < input.Length; i++) _window[history + i] = input[i];

        var outputs = input.Length / Factor;
        var taps = Taps.AsSpan();
        for (var o = 0; o < outputs; o++)
        {
            // Output o is aligned with input sample (o * Factor + Factor - 1) of this frame.
            var end = history + o * Factor + Factor - 1;
            var window = _window.AsSpan(end - taps.Length + 1, taps.Length);
            var acc = 0f;
            for (var k = 0; k < taps.Length; k++) acc += taps[k] * window[k];
            output[o] = AntiAliasFilter.Saturate(acc);
        }
        _window.AsSpan(input.Length, history).CopyTo(_window);
        return outputs;
    }

    public void Reset() => Array.Clear(_window);
}
