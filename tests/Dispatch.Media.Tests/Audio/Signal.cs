namespace Dispatch.Media.Tests.Audio;

/// <summary>Test signals and the Goertzel measure of how much of one frequency a signal holds.</summary>
public static class Signal
{
    public static short[] Tone(double frequency, int sampleRate, int count, double amplitude = 8000, long startSample = 0)
    {
        var samples = new short[count];
        for (var i = 0; i < count; i++)
            samples[i] = (short)Math.Round(amplitude * Math.Sin(2 * Math.PI * frequency * (startSample + i) / sampleRate));
        return samples;
    }

    /// <summary>The amplitude of <paramref name="frequency"/> in the samples (Goertzel, one DFT bin), in sample units.</summary>
    public static double AmplitudeAt(ReadOnlySpan<short> samples, double frequency, int sampleRate)
    {
        var coefficient = 2 * Math.Cos(2 * Math.PI * frequency / sampleRate);
        double s1 = 0, s2 = 0;
        foreach (var x in samples)
        {
            var s0 = x + coefficient * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        var power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
        return 2 * Math.Sqrt(Math.Max(0, power)) / samples.Length;
    }

    public static double Rms(ReadOnlySpan<short> samples)
    {
        double sum = 0;
        foreach (var x in samples) sum += (double)x * x;
        return Math.Sqrt(sum / Math.Max(1, samples.Length));
    }
}
