namespace Dispatch.Gateway.Tests.Calls.Baresip;

/// <summary>Reads a 16-bit PCM WAV (first channel) and measures a tone's share of it with the Goertzel algorithm.</summary>
internal static class HeardTone
{
    public static (double[] Samples, int Rate) ReadWav(string path)
    {
        var bytes = File.ReadAllBytes(path);
        int channels = 1, rate = 8000, bits = 16, offset = 12;
        while (offset + 8 <= bytes.Length)
        {
            var id = global::System.Text.Encoding.ASCII.GetString(bytes, offset, 4);
            var size = BitConverter.ToInt32(bytes, offset + 4);
            var body = offset + 8;
            if (id == "fmt ")
            {
                channels = BitConverter.ToInt16(bytes, body + 2);
                rate = BitConverter.ToInt32(bytes, body + 4);
                bits = BitConverter.ToInt16(bytes, body + 14);
            }
            else if (id == "data")
            {
                Assert.Equal(16, bits);
                // sndfile may leave the data size unset until the file closes: take what is there.
                var end = size <= 0 || body + size > bytes.Length ? bytes.Length : body + size;
                var frames = (end - body) / (2 * channels);
                var samples = new double[frames];
                for (var i = 0; i < frames; i++)
                {
                    samples[i] = BitConverter.ToInt16(bytes, body + (i * channels * 2));
                }
                return (samples, rate);
            }
            offset = body + size + (size & 1);
        }
        throw new InvalidDataException($"{path} has no data chunk");
    }

    /// <summary>
    /// The power at <paramref name="hz"/> as a share of all the power in the 20 ms blocks that carry sound (silent
    /// blocks, before the call connects, are skipped). A pure tone at that pitch gives about 0.5.
    /// </summary>
    /// <remarks>
    /// The share is weighted by each block's energy, so it says where the sound's power is. An unweighted average of
    /// per-block shares gave each 20 ms beep of Chromium's fake microphone (two loud blocks) the same weight as the six
    /// quiet blocks of its decaying tail (rms 100-2,000, where 100 Hz leads), and one CI run found 100 Hz "strongest".
    /// </remarks>
    public static (double Share, int LoudBlocks) ShareAt(double[] samples, int rate, double hz)
    {
        var block = rate / 50;
        var coefficient = 2 * Math.Cos(2 * Math.PI * hz / rate);
        double atPitch = 0, total = 0;
        var loud = 0;
        for (var start = 0; start + block <= samples.Length; start += block)
        {
            double energy = 0;
            for (var i = 0; i < block; i++)
            {
                energy += samples[start + i] * samples[start + i];
            }
            if (energy / block < 100 * 100)
            {
                continue;
            }
            double s1 = 0, s2 = 0;
            for (var i = 0; i < block; i++)
            {
                var s0 = samples[start + i] + (coefficient * s1) - s2;
                s2 = s1;
                s1 = s0;
            }
            var power = (s1 * s1) + (s2 * s2) - (coefficient * s1 * s2);
            // A tone of amplitude A gives Goertzel power (N A / 2)^2 and block energy N A^2 / 2: power / N over the
            // energy is 0.5 for a pure tone at the pitch.
            atPitch += power / block;
            total += energy;
            loud++;
        }
        return (loud == 0 ? 0 : atPitch / total, loud);
    }

    /// <summary>The frequency (10 Hz steps, 100 Hz up to the Nyquist limit) holding the largest share of the loud blocks.</summary>
    public static double Dominant(double[] samples, int rate)
    {
        var best = (Hz: 0.0, Share: 0.0);
        for (double hz = 100; hz < rate / 2.0; hz += 10)
        {
            var share = ShareAt(samples, rate, hz).Share;
            if (share > best.Share)
            {
                best = (hz, share);
            }
        }
        return best.Hz;
    }
}
