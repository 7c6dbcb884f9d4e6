using Dispatch.Media.Sdp;

namespace Dispatch.Media.Tests.Sdp;

public class SdpMalformedInputTests
{
    private const string Head = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n";

    [Theory]
    [InlineData("", 0, "empty")]
    [InlineData("o=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\n", 1, "missing v=")]
    [InlineData("v=1\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\n", 1, "version")]
    [InlineData("v=0\r\ns=-\r\n", 0, "missing o=")]
    [InlineData("v=0\r\no=- 1 1 IN IP4\r\ns=-\r\n", 2, "six fields")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\n", 0, "missing s=")]
    [InlineData(Head + "m=audio\r\n", 5, "m=")]
    [InlineData(Head + "m=audio 9 RTP/AVP\r\n", 5, "at least one format")]
    [InlineData(Head + "m=audio port RTP/AVP 0\r\n", 5, "port")]
    [InlineData(Head + "m=audio 70000 RTP/AVP 0\r\n", 5, "port")]
    [InlineData(Head + "m=audio 9 RTP/AVP 0\r\na=rtpmap:0 PCMU\r\n", 6, "rtpmap")]
    [InlineData(Head + "m=audio 9 RTP/AVP 0\r\na=rtpmap:200 PCMU/8000\r\n", 6, "rtpmap")]
    [InlineData(Head + "m=audio 9 RTP/AVP 0\r\na=candidate:1 1 udp 5 1.2.3.4\r\n", 6, "candidate")]
    [InlineData(Head + "m=audio 9 RTP/AVP 0\r\na=extmap:0 urn:x\r\n", 6, "extmap")]
    [InlineData(Head + "m=audio 9 RTP/AVP 0\r\na=fingerprint:sha-256 ZZ:00\r\n", 6, "fingerprint")]
    [InlineData(Head + "m=audio 9 RTP/AVP 0\r\na=setup:sometimes\r\n", 6, "setup")]
    [InlineData(Head + "m=audio 9 RTP/AVP 0\r\nt=0 0\r\n", 6, "session-level")]
    [InlineData(Head + "m=audio 9 RTP/AVP 0\r\nx=1\r\n", 6, "unknown line type")]
    [InlineData(Head + "m=audio 9 RTP/AVP 0\r\na=rtpm", 6, "rtpm")]
    [InlineData(Head + "garbage\r\n", 5, "<type>=<value>")]
    [InlineData(Head + "m=audio 9 RTP/AVP 0\r\nc=IN IP4\r\n", 6, "c=")]
    [InlineData(Head + "b=AS\r\n", 5, "b=")]
    [InlineData("v=0\nr=1d 1h 0\n", 2, "r= must follow")]
    public void Malformed_sdp_yields_an_error_naming_the_line_and_the_reason(string text, int line, string reasonPart)
    {
        var result = SdpParser.Parse(text);

        if (reasonPart == "rtpm")
        {
            // A truncated final attribute line is still a well-formed unknown attribute: kept, not refused.
            Assert.True(result.IsSuccess);
            Assert.Equal("rtpm", result.Description.Media[0].Attributes[0].Name);
            return;
        }
        Assert.False(result.IsSuccess);
        Assert.Equal(line, result.Error.LineNumber);
        Assert.Contains(reasonPart, result.Error.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_body_truncated_mid_line_is_reported_not_thrown()
    {
        var text = File.ReadAllText(ConformanceData.PathOf("sdp", "aiortc__chrome_video_offer.sdp"));
        for (var length = 0; length < text.Length; length += 7)
        {
            var result = SdpParser.Parse(text[..length]);
            Assert.True(result.IsSuccess || result.Error is not null);
        }
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        var random = new Random(5);
        for (var i = 0; i < 500; i++)
        {
            var chars = new char[random.Next(0, 300)];
            for (var j = 0; j < chars.Length; j++) chars[j] = "v=0o-am c\r\n:/ 1abPCMU"[random.Next(21)];
            _ = SdpParser.Parse(new string(chars));
        }
    }

    [Fact]
    public void Lf_only_and_blank_lines_are_tolerated()
    {
        var result = SdpParser.Parse("v=0\no=- 1 1 IN IP4 0.0.0.0\n\ns=-\nt=0 0\nm=audio 9 RTP/AVP 0\n\n");

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Single(result.Description.Media);
    }
}
