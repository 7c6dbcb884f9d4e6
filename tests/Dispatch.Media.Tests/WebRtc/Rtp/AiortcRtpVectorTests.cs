using System.Text.Json;
using Dispatch.Media.WebRtc.Rtp;

namespace Dispatch.Media.Tests.WebRtc.Rtp;

/// <summary>aiortc's captured RTP packets parse to the fields in parsed_headers.json.</summary>
public class AiortcRtpVectorTests
{
    public static TheoryData<string> RtpFiles()
    {
        var data = new TheoryData<string>();
        foreach (var entry in Expected().EnumerateObject())
        {
            if (entry.Value.GetProperty("parsed").GetProperty("kind").GetString() == "rtp")
            {
                data.Add(entry.Name);
            }
        }
        return data;
    }

    internal static JsonElement Expected() =>
        JsonDocument.Parse(File.ReadAllText(ConformanceData.PathOf("rtp-rtcp-aiortc", "parsed_headers.json"))).RootElement;

    [Theory]
    [MemberData(nameof(RtpFiles))]
    public void Rtp_packet_parses_to_the_listed_fields(string file)
    {
        var bytes = ConformanceData.Bytes("rtp-rtcp-aiortc", file);
        var e = Expected().GetProperty(file).GetProperty("parsed");
        Assert.True(RtpHeader.TryParse(bytes, out var h, out var error), error.ToString());

        Assert.Equal(e.GetProperty("version").GetInt32(), bytes[0] >> 6);
        Assert.Equal(e.GetProperty("padding").GetInt32() == 1, h.Padding);
        Assert.Equal(e.GetProperty("extension").GetInt32() == 1, h.Extension);
        Assert.Equal(e.GetProperty("marker").GetInt32() == 1, h.Marker);
        Assert.Equal(e.GetProperty("payload_type").GetInt32(), h.PayloadType);
        Assert.Equal(e.GetProperty("sequence_number").GetUInt16(), h.SequenceNumber);
        Assert.Equal(e.GetProperty("timestamp").GetUInt32(), h.Timestamp);
        Assert.Equal(e.GetProperty("ssrc").GetUInt32(), h.Ssrc);
        var csrcs = e.GetProperty("csrc").EnumerateArray().Select(c => c.GetUInt32()).ToArray();
        Assert.Equal(csrcs, Enumerable.Range(0, h.CsrcCount).Select(i => RtpHeader.CsrcAt(bytes, i)).ToArray());
        Assert.Equal(e.GetProperty("payload_len").GetInt32(), h.PayloadLength);
        Assert.Equal(e.GetProperty("padding_size").GetInt32(), h.PaddingLength);
        var ext = e.GetProperty("header_extension");
        if (ext.ValueKind == JsonValueKind.Null)
        {
            Assert.False(h.Extension);
        }
        else
        {
            Assert.Equal(Convert.ToUInt16(ext.GetProperty("profile").GetString(), 16), h.ExtensionProfile);
            Assert.Equal(ext.GetProperty("length_words").GetInt32() * 4, h.ExtensionLength);
        }
    }

    [Fact]
    public void The_sdes_mid_extension_reads_as_a_one_byte_element()
    {
        var bytes = ConformanceData.Bytes("rtp-rtcp-aiortc", "rtp_with_sdes_mid.bin");
        Assert.True(RtpHeader.TryParse(bytes, out var h, out _));
        var reader = RtpExtensionReader.Of(bytes, h);
        Assert.True(reader.TryReadNext(out var id, out var value));
        Assert.Equal(9, id);
        Assert.Equal("0", System.Text.Encoding.ASCII.GetString(value));
        Assert.False(reader.TryReadNext(out _, out _));
        Assert.False(reader.Malformed);
    }

    [Theory]
    [MemberData(nameof(RtpFiles))]
    public void Every_truncation_of_a_valid_packet_is_rejected_or_shorter_without_throwing(string file)
    {
        var bytes = ConformanceData.Bytes("rtp-rtcp-aiortc", file);
        for (var n = 0; n < RtpHeader.FixedLength; n++)
        {
            Assert.False(RtpHeader.TryParse(bytes.AsSpan(0, n), out _, out var error));
            Assert.Equal(RtpParseError.TooShort, error);
        }
        for (var n = RtpHeader.FixedLength; n < bytes.Length; n++)
        {
            if (RtpHeader.TryParse(bytes.AsSpan(0, n), out var h, out _))
            {
                Assert.True(h.PayloadOffset + h.PayloadLength + h.PaddingLength == n);
            }
        }
    }

    [Fact]
    public void Version_three_is_rejected()
    {
        var bytes = ConformanceData.Bytes("rtp-rtcp-aiortc", "rtp.bin");
        bytes[0] = (byte)(0xC0 | (bytes[0] & 0x3F));
        Assert.False(RtpHeader.TryParse(bytes, out _, out var error));
        Assert.Equal(RtpParseError.BadVersion, error);
    }

    [Fact]
    public void A_zero_padding_count_is_rejected()
    {
        var bytes = ConformanceData.Bytes("rtp-rtcp-aiortc", "rtp_only_padding.bin");
        bytes[^1] = 0;
        Assert.False(RtpHeader.TryParse(bytes, out _, out var error));
        Assert.Equal(RtpParseError.BadPadding, error);
    }
}
