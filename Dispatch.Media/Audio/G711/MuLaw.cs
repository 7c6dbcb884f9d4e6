using System.Numerics;

namespace Dispatch.Media.Audio.G711;

/// <summary>
/// ITU-T G.711 µ-law (PCMU, RFC 3551 payload type 0): 14-bit linear PCM companded to 8 bits as sign, a 3-bit
/// segment and a 4-bit step, bits inverted on the wire. Encoding is arithmetic; decoding uses a 256-entry table.
/// </summary>
public static class MuLaw
{
    /// <summary>G.711 adds 33 (14-bit units) so each segment starts at a power of two.</summary>
    private const int Bias = 0x21;
    /// <summary>The largest 14-bit magnitude that still fits segment 7 once biased.</summary>
    private const int Clip = 8158;

    private static readonly short[] DecodeTable = BuildDecodeTable();

    public static byte Encode(short sample)
    {
        // G.711 works on 14-bit samples; the arithmetic shift truncates toward minus infinity as the G.191 tools do.
        var pcm = sample >> 2;
        var sign = 0;
        if (pcm < 0)
        {
            sign = 0x80;
            pcm = -pcm;
        }
        pcm = Math.Min(pcm, Clip) + Bias;
        var segment = BitOperations.Log2((uint)pcm) - 5;
        var step = (pcm >> (segment + 1)) & 0x0F;
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
            // Middle of the step, back at 16-bit scale: ((2·step + 33) << segment) - 33, times four.
            var magnitude = ((((code & 0x0F) << 3) + 0x84) << segment) - 0x84;
            table[i] = (short)((code & 0x80) != 0 ? -magnitude : magnitude);
        }
        return table;
    }
}
