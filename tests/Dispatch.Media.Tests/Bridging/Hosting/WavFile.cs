using System.Buffers.Binary;

namespace Dispatch.Media.Tests.Bridging.Hosting;

/// <summary>Reads 16-bit PCM WAV (RIFF) as mono samples (first channel) and its sample rate.</summary>
internal static class WavFile
{
    public static (short[] Samples, int SampleRate) Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length >= 12 && bytes.AsSpan(0, 4).SequenceEqual("RIFF"u8), $"{path} is not a RIFF file");
        int channels = 1, rate = 8000, bits = 16, offset = 12;
        while (offset + 8 <= bytes.Length)
        {
            var id = System.Text.Encoding.ASCII.GetString(bytes, offset, 4);
            var size = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset + 4));
            var body = offset + 8;
            if (id == "fmt ")
            {
                channels = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(body + 2));
                rate = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(body + 4));
                bits = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(body + 14));
            }
            else if (id == "data")
            {
                Assert.Equal(16, bits);
                // A file still being written may carry a zero or short length: take what is there.
                var length = size <= 0 || body + size > bytes.Length ? bytes.Length - body : size;
                var frames = length / (2 * channels);
                var samples = new short[frames];
                for (var i = 0; i < frames; i++) samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(body + i * 2 * channels));
                return (samples, rate);
            }
            offset = body + size + (size & 1);
        }
        throw new InvalidDataException($"{path} has no data chunk");
    }
}
