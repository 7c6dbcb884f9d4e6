namespace Dispatch.Media.Audio.Resampling;

/// <summary>
/// 8 kHz → 48 kHz: insert five zeros after each sample and low-pass with <see cref="AntiAliasFilter"/> (gain 6),
/// which removes the spectral images at 8, 16 and 24 kHz. Done as a polyphase filter: each output phase uses
/// every sixth tap, so no zero is ever multiplied. One per stream; keeps its input history between frames.
/// </summary>
public sealed class Upsampler
{
    private const int Factor = AudioFrame.RateRatio;
    private const int TapsPerPhase = AntiAliasFilter.TapCount / Factor;
    private static readonly float[][] Phases = BuildPhases();

    // Past input (TapsPerPhase - 1 samples) followed by the current frame.
    private readonly float[] _window = new float[TapsPerPhase - 1 + AudioFrame.NarrowbandSamples];

    /// <summary>Converts one frame of at most 160 samples into six times as many. Returns samples written.</summary>
    public int Process(ReadOnlySpan<short> input, Span<short> output)
    {
        if (input.Length > AudioFrame.NarrowbandSamples)
            throw new ArgumentException("The 8 kHz input must be at most one 20 ms frame.", nameof(input));
        const int history = TapsPerPhase - 1;
        for (var i = 0; i < input.Length; i++) _window[history + i] = input[i];

        for (var n = 0; n < input.Length; n++)
        {
            var window = _window.AsSpan(n, TapsPerPhase);
            for (var p = 0; p < Factor; p++)
            {
                var phase = Phases[p];
                var acc = 0f;
                for (var k = 0; k < TapsPerPhase; k++) acc += phase[k] * window[k];
                output[n * Factor + p] = AntiAliasFilter.Saturate(acc);
            }
        }
        _window.AsSpan(input.Length, history).CopyTo(_window);
        return input.Length * Factor;
    }

    public void Reset() => Array.Clear(_window);

    /// <summary>
    /// Output 6n+p of the zero-stuffed signal sums h[6j + p]·x[n - j]; the taps are stored oldest-sample-first so the
    /// inner loop walks the window forward: phase[k] = 6·h[6·(TapsPerPhase-1-k) + p].
    /// </summary>
    private static float[][] BuildPhases()
    {
        var taps = AntiAliasFilter.Design();
        var phases = new float[Factor][];
        for (var p = 0; p < Factor; p++)
        {
            phases[p] = new float[TapsPerPhase];
            for (var k = 0; k < TapsPerPhase; k++)
                phases[p][k] = Factor * taps[Factor * (TapsPerPhase - 1 - k) + p];
        }
        return phases;
    }
}
