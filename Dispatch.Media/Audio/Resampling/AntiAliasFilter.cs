namespace Dispatch.Media.Audio.Resampling;

/// <summary>
/// The low-pass FIR shared by <see cref="Downsampler"/> and <see cref="Upsampler"/>: a Kaiser-windowed sinc at
/// 48 kHz with its cutoff at 4 kHz (the 8 kHz Nyquist frequency). 180 taps with β = 6.8 give about 70 dB of
/// stop-band attenuation and a 600 Hz half transition, so the telephone band (300-3400 Hz) passes flat and
/// anything above 4.6 kHz is gone before decimation instead of folding back into it.
/// </summary>
public static class AntiAliasFilter
{
    public const int TapCount = 180;
    public const double CutoffHz = 4000;
    public const double KaiserBeta = 6.8;

    /// <summary>Taps with unity gain at DC.</summary>
    public static float[] Design(double sampleRate = AudioFrame.FullbandRate, double cutoffHz = CutoffHz, int tapCount = TapCount, double beta = KaiserBeta)
    {
        var taps = new double[tapCount];
        var fc = cutoffHz / sampleRate;
        var middle = (tapCount - 1) / 2.0;
        var sum = 0.0;
        for (var n = 0; n < tapCount; n++)
        {
            var t = n - middle;
            var sinc = t == 0 ? 2 * fc : Math.Sin(2 * Math.PI * fc * t) / (Math.PI * t);
            var ratio = t / middle;
            var window = BesselI0(beta * Math.Sqrt(Math.Max(0, 1 - ratio * ratio))) / BesselI0(beta);
            taps[n] = sinc * window;
            sum += taps[n];
        }
        return taps.Select(v => (float)(v / sum)).ToArray();
    }

    /// <summary>Modified Bessel function of the first kind, order 0, by its power series (for the Kaiser window).</summary>
    private static double BesselI0(double x)
    {
        double term = 1, sum = 1, half = x / 2;
        for (var k = 1; k < 50 && term > 1e-12 * sum; k++)
        {
            term *= half / k * (half / k);
            sum += term;
        }
        return sum;
    }

    internal static short Saturate(float value) =>
        value >= short.MaxValue ? short.MaxValue : value <= short.MinValue ? short.MinValue : (short)MathF.Round(value);
}
