using Dispatch.Media.Sdp;

namespace Dispatch.Media.Tests.Sdp;

public class SdpRoundTripTests
{
    [Theory]
    [MemberData(nameof(SdpSamples.All), MemberType = typeof(SdpSamples))]
    public void Parse_serialize_parse_gives_an_equal_model(string name)
    {
        var first = SdpModelAssert.Parsed(SdpSamples.Text(name));
        var second = SdpModelAssert.Parsed(first.ToString());

        SdpModelAssert.Equal(first, second);
    }

    [Theory]
    [MemberData(nameof(SdpSamples.All), MemberType = typeof(SdpSamples))]
    public void Serializing_gives_back_the_input_with_crlf_line_ends(string name)
    {
        var text = SdpSamples.Text(name);

        Assert.Equal(SdpSamples.Canonical(text), SdpModelAssert.Parsed(text).ToString());
    }

    [Fact]
    public void A_canonical_body_round_trips_byte_for_byte()
    {
        var text = File.ReadAllText(ConformanceData.PathOf("sdp", "aiortc__safari_offer.sdp"));
        Assert.EndsWith("\r\n", text);

        Assert.Equal(text, SdpModelAssert.Parsed(text).ToString());
    }

    [Fact]
    public void Unknown_attributes_and_rare_lines_are_kept_verbatim()
    {
        const string text =
            "v=0\r\no=alice 2890844526 2890844527 IN IP4 host.example.com\r\ns=Session\r\ni=About\r\n" +
            "u=http://example.com/s.pdf\r\ne=j@example.com\r\np=+1 617 555-6011\r\nc=IN IP4 233.252.0.1/127\r\n" +
            "b=AS:128\r\nt=2873397496 2873404696\r\nr=7d 1h 0 25h\r\nz=2882844526 -1h 2898848070 0\r\n" +
            "k=prompt\r\na=x-vendor-thing: odd  spacing \r\na=recvonly\r\n" +
            "m=audio 49170/2 RTP/AVP 0\r\ni=voice\r\nc=IN IP4 233.252.0.2/127/2\r\nb=TIAS:64000\r\nk=prompt\r\n" +
            "a=x-unknown\r\n";

        var sdp = SdpModelAssert.Parsed(text);

        Assert.Equal(text, sdp.ToString());
        Assert.Equal(new SdpAttribute("x-vendor-thing", " odd  spacing "), sdp.Attributes[0]);
        Assert.Equal(2, sdp.Media[0].PortCount);
    }
}
