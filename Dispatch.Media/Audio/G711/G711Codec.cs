namespace Dispatch.Media.Audio.G711;

/// <summary>Encodes or decodes a G.711 frame with the negotiated law.</summary>
public static class G711Codec
{
    public static void Encode(G711Law law, ReadOnlySpan<short> samples, Span<byte> codes)
    {
        if (law == G711Law.ALaw) ALaw.Encode(samples, codes);
        else MuLaw.Encode(samples, codes);
    }

    public static void Decode(G711Law law, ReadOnlySpan<byte> codes, Span<short> samples)
    {
        if (law == G711Law.ALaw) ALaw.Decode(codes, samples);
        else MuLaw.Decode(codes, samples);
    }

    /// <summary>The code of silence: what a G.711 receiver hears as zero.</summary>
    public static byte Silence(G711Law law) => law == G711Law.ALaw ? (byte)0xD5 : (byte)0xFF;
}
