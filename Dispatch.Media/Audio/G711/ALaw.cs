using System.Numerics;

namespace Dispatch.Media.Audio.G711;

/// <summary>
/// ITU-T G.711 A-law (PCMA, RFC 3551 payload type 8): 13-bit linear PCM companded to 8 bits as sign, a 3-bit
/// segment and a 4-bit step, with the even bits inverted on the wire (XOR 0x55). Segment 0 is linear like segment 1.
/// </summary>
public static class ALaw
{
    private static readonly short[] DecodeTable = BuildDecodeTable();

    public static byte Encode(short sample)
    {
        int pcm = sample;
        int mask;
        if (pcm >= 0)
        {
            mask = 0xD5; // sign bit set for positive values, then the 0x55 inversion
        }
        else
        {
            mask = 0x55;
            pcm = -pcm - 1; // one's complement keeps the code table symmetric around zero
        }
        int code;
        if (pcm < 256)
        {
            code = pcm >> 4;
        }
        else
        {
            var segment = BitOperations.Log2((uint)pcm) - 7;
            code = (segment << 4) | ((pcm >> (segment + 3)) & 0x0F);
        }
        return (byte)(code ^ mask);
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
            var code = i ^ 0x55;
            var segment = (code >> 4) & 0x07;
            // Reconstruct at the middle of the step: +8 in segment 0, +0x108 (step middle plus the segment's
            // leading one) above it.
            var magnitude = ((code & 0x0F) << 4) + (segment == 0 ? 8 : 0x108);
            if (segment > 1) magnitude <<= segment - 1;
            table[i] = (short)((code & 0x80) != 0 ? magnitude : -magnitude);
        }
        return table;
    }
}
