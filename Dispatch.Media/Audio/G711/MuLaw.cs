using System.Numerics;

namespace Dispatch.Media.Audio.G711;

/// <summary>
/// ITU-T G.711 µ-law (PCMU, RFC 3551 payload type 0): 14-bit linear PCM companded to 8 bits as sign, a 3-bit
/// segment and a 4-bit step, bits inverted on the wire. Encoding is arithmetic; decoding uses a 256-entry table.
/// </summary>
public static class MuLaw
{
    /// <summary>G.711 adds 33 (in 14-bit units; 132 at 16 bits) so each segment starts at a power of two.</summary>
    private const int Bias = 0x84;
    private const int Clip = 32635;

    private static readonly short[] DecodeTable = BuildDecodeTable();

    public static byte Encode(short sample)
    {
        int pcm = sample;
        var sign = 0;
        if (pcm < 0)
        {
            sign = 0x80;
            pcm = -pcm;
        }
        pcm = Math.Min(pcm, Clip) + Bias;
        var segment = BitOperations.Log2((uint)pcm) - 7;
        var step = (pcm >> (segment + 3)) & 0x0F;
        return (byte)~(sign | (segment << 4) | step);
    }

    public static short Decode(byte code) => DecodeTable[code];

    public static void Encode(ReadOnlySpan<short> samples, Span<byte> codes)
    {
        for (var i = 0; i < samples.Length; i++) codes[i] = Encode(samples[i]);
    }

    public static void Decode(ReadOnlySpan<byte> codes, Span<short> samples)
    {
        for (var i = 0; i < codes.Length; i++) samples[i] = DecodeTable[codes[i]];
    }

    private static short[] BuildDecodeTable()
    {
        var table = new short[256];
        for (var i = 0; i < 256; i++)
        {
            var code = ~i & 0xFF;
            var segment = (code >> 4) & 0x07;
            var magnitude = ((((code & 0x0F) << 3) + Bias) << segment) - Bias;
            table[i] = (short)((code & 0x80) != 0 ? -magnitude : magnitude);
        }
        return table;
    }
}
