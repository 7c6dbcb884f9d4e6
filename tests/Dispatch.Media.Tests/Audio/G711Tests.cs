using Dispatch.Media.Audio.G711;

namespace Dispatch.Media.Tests.Audio;

public sealed class G711Tests
{
    // Reference points of ITU-T G.711 at 16-bit scale (as the G.191 tools and Python's audioop compute them): silence,
    // the first step, full scale, and a mid-range value.
    [Theory]
    [InlineData((short)0, 0xFF)]
    [InlineData((short)-1, 0x7E)]
    [InlineData((short)-4, 0x7E)]
    [InlineData((short)3, 0xFF)]
    [InlineData((short)32767, 0x80)]
    [InlineData((short)-32768, 0x00)]
    [InlineData((short)1000, 0xCE)]
    [InlineData((short)-1000, 0x4E)]
    public void Mu_law_encodes_the_reference_values(short sample, int code) => Assert.Equal((byte)code, MuLaw.Encode(sample));

    [Theory]
    [InlineData(0xFF, 0)]
    [InlineData(0x7F, 0)]
    [InlineData(0x80, 32124)]
    [InlineData(0x00, -32124)]
    [InlineData(0xFE, 8)]
    [InlineData(0xCE, 988)]
    public void Mu_law_decodes_the_reference_values(int code, int sample) => Assert.Equal((short)sample, MuLaw.Decode((byte)code));

    [Theory]
    [InlineData((short)0, 0xD5)]
    [InlineData((short)-1, 0x55)]
    [InlineData((short)32767, 0xAA)]
    [InlineData((short)-32768, 0x2A)]
    [InlineData((short)1000, 0xFA)]
    [InlineData((short)-1000, 0x7A)]
    public void A_law_encodes_the_reference_values(short sample, int code) => Assert.Equal((byte)code, ALaw.Encode(sample));

    [Theory]
    [InlineData(0xD5, 8)]
    [InlineData(0x55, -8)]
    [InlineData(0xAA, 32256)]
    [InlineData(0x2A, -32256)]
    [InlineData(0xFA, 1008)]
    public void A_law_decodes_the_reference_values(int code, int sample) => Assert.Equal((short)sample, ALaw.Decode((byte)code));

    [Theory]
    [InlineData(G711Law.MuLaw)]
    [InlineData(G711Law.ALaw)]
    public void Every_code_decodes_to_a_value_that_encodes_back_to_the_same_value(G711Law law)
    {
        Span<byte> code = stackalloc byte[1];
        Span<short> sample = stackalloc short[1];
        Span<byte> again = stackalloc byte[1];
        Span<short> back = stackalloc short[1];
        for (var c = 0; c < 256; c++)
        {
            code[0] = (byte)c;
            G711Codec.Decode(law, code, sample);
            G711Codec.Encode(law, sample, again);
            G711Codec.Decode(law, again, back);
            Assert.Equal(sample[0], back[0]);
        }
    }

    [Theory]
    [InlineData(G711Law.MuLaw)]
    [InlineData(G711Law.ALaw)]
    public void Every_sample_round_trips_within_its_segment_step_and_order_is_kept(G711Law law)
    {
        var samples = Enumerable.Range(short.MinValue, 65536).Select(i => (short)i).ToArray();
        var codes = new byte[samples.Length];
        var decoded = new short[samples.Length];
        G711Codec.Encode(law, samples, codes);
        G711Codec.Decode(law, codes, decoded);
        for (var i = 0; i < samples.Length; i++)
        {
            // Companding keeps the error near a fixed fraction of the magnitude: half a step, at most 1/32 of the
            // segment's start, so 1/16 of the sample with room for truncation, or 16 in the linear segments.
            var error = Math.Abs(decoded[i] - samples[i]);
            Assert.True(error <= Math.Max(16, Math.Abs((int)samples[i]) / 16 + 1),
                $"{law}: {samples[i]} decoded as {decoded[i]}");
            if (i > 0) Assert.True(decoded[i] >= decoded[i - 1], $"{law}: decoding is not monotonic at {samples[i]}");
        }
    }

    [Fact]
    public void Silence_codes_decode_to_almost_zero()
    {
        Assert.Equal(0, MuLaw.Decode(G711Codec.Silence(G711Law.MuLaw)));
        Assert.Equal(8, ALaw.Decode(G711Codec.Silence(G711Law.ALaw)));
    }
}
