using Dispatch.Media.WebRtc.Stun;

namespace Dispatch.Media.Tests.WebRtc.Stun;

/// <summary>Real Binding requests from Chrome and Firefox (../shared/conformance/stun-browsers).</summary>
public class BrowserRequestTests
{
    public static TheoryData<string, string> CsvMessages()
    {
        var data = new TheoryData<string, string>();
        foreach (var line in File.ReadLines(ConformanceData.PathOf("stun-browsers", "frombrowsers.csv")))
        {
            var cells = line.Split(',');
            if (line.StartsWith('#') || cells.Length < 4 || cells[0] == "ip")
            {
                continue;
            }
            data.Add(cells[3] + " " + cells[0], cells[1]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(CsvMessages))]
    public void Browser_binding_requests_parse_and_any_fingerprint_verifies(string browserAndSource, string base64)
    {
        var bytes = Convert.FromBase64String(base64);
        Assert.True(StunMessage.TryParse(bytes, out var m, out var error), $"{browserAndSource}: {error}");
        Assert.Equal(StunMessageType.BindingRequest, m!.Type);
        if (m.Has(StunAttributeType.Fingerprint))
        {
            Assert.True(m.VerifyFingerprint(), browserAndSource);
        }
        Assert.Empty(m.UnknownComprehensionRequired());
    }

    [Fact]
    public void The_csv_holds_the_fourteen_documented_requests() => Assert.Equal(14, CsvMessages().Count);

    [Fact]
    public void Chrome_raw_request_keeps_its_unknown_optional_attribute()
    {
        var bytes = ConformanceData.Bytes("stun-browsers", "ex1_chrome.stun");
        Assert.True(StunMessage.TryParse(bytes, out var m, out _));
        var unknown = Assert.Single(m!.Attributes);
        Assert.Equal(0x802F, unknown.Type);
        Assert.Equal("http://localhost:3000/", System.Text.Encoding.ASCII.GetString(unknown.Value.Span));
        Assert.False(StunAttributeType.IsComprehensionRequired(unknown.Type));
    }
}
