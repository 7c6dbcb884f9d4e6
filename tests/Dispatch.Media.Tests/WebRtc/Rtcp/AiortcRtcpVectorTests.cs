using System.Text.Json;
using Dispatch.Media.Tests.WebRtc.Rtp;
using Dispatch.Media.WebRtc.Rtcp;

namespace Dispatch.Media.Tests.WebRtc.Rtcp;

/// <summary>aiortc's RTCP packets: the valid ones parse to parsed_headers.json, the invalid ones are refused.</summary>
public class AiortcRtcpVectorTests
{
    /// <summary>The README's list of packets a parser must reject.</summary>
    private static readonly HashSet<string> Invalid =
    [
        "rtcp_bye_invalid.bin", "rtcp_psfb_invalid.bin", "rtcp_rr_invalid.bin", "rtcp_rtpfb_invalid.bin",
        "rtcp_sr_invalid.bin", "rtcp_sdes_item_truncated.bin", "rtcp_sdes_source_truncated.bin",
    ];

    private static TheoryData<string> Files(bool valid)
    {
        var data = new TheoryData<string>();
        foreach (var entry in AiortcRtpVectorTests.Expected().EnumerateObject())
        {
            if (entry.Value.GetProperty("parsed").GetProperty("kind").GetString() == "rtcp" && Invalid.Contains(entry.Name) != valid)
            {
                data.Add(entry.Name);
            }
        }
        return data;
    }

    public static TheoryData<string> ValidFiles() => Files(valid: true);
    public static TheoryData<string> InvalidFiles() => Files(valid: false);

    [Fact]
    public void The_vector_set_has_eight_valid_and_seven_invalid_rtcp_packets()
    {
        Assert.Equal(8, ValidFiles().Count);
        Assert.Equal(7, InvalidFiles().Count);
    }

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void Valid_rtcp_parses_to_the_listed_headers_and_ssrc(string file)
    {
        var bytes = ConformanceData.Bytes("rtp-rtcp-aiortc", file);
        var expected = AiortcRtpVectorTests.Expected().GetProperty(file).GetProperty("parsed").GetProperty("packets");
        Assert.True(RtcpCompound.TryParse(bytes, out var compound, out var error), error.ToString());
        Assert.Equal(expected.GetArrayLength(), compound!.Packets.Count);
        for (var i = 0; i < compound.Packets.Count; i++)
        {
            var e = expected[i];
            var p = compound.Packets[i];
            Assert.Equal(e.GetProperty("padding").GetInt32() == 1, p.Header.Padding);
            Assert.Equal(e.GetProperty("count_or_fmt").GetInt32(), p.Header.Count);
            Assert.Equal(e.GetProperty("packet_type").GetInt32(), p.Header.PacketType);
            Assert.Equal(e.GetProperty("length_words").GetInt32(), p.Header.LengthWords);
            Assert.Equal(e.GetProperty("declared_bytes").GetInt32(), p.Header.PacketLength);
            var ssrc = e.GetProperty("ssrc");
            // The listed ssrc is the word after the header; in a padded BYE that word is padding, not a source.
            var expectedSsrc = ssrc.ValueKind == JsonValueKind.Null || p.Header.Padding ? (uint?)null : ssrc.GetUInt32();
            Assert.Equal(expectedSsrc, FirstSsrc(p));
        }
    }

    private static uint? FirstSsrc(RtcpPacket p) => p switch
    {
        SenderReport sr => sr.Ssrc,
        ReceiverReport rr => rr.Ssrc,
        SourceDescription sdes => sdes.Chunks.Count > 0 ? sdes.Chunks[0].Ssrc : null,
        Goodbye bye => bye.Sources.Count > 0 ? bye.Sources[0] : null,
        PictureLossIndication pli => pli.SenderSsrc,
        GenericNack nack => nack.SenderSsrc,
        _ => null,
    };

    [Theory]
    [MemberData(nameof(InvalidFiles))]
    public void Invalid_rtcp_is_refused_with_a_reason(string file)
    {
        var bytes = ConformanceData.Bytes("rtp-rtcp-aiortc", file);
        Assert.False(RtcpCompound.TryParse(bytes, out var compound, out var error));
        Assert.Null(compound);
        Assert.NotEqual(RtcpParseError.None, error);
    }

    [Fact]
    public void Sender_report_carries_the_documented_sender_info()
    {
        Assert.True(RtcpCompound.TryParse(ConformanceData.Bytes("rtp-rtcp-aiortc", "rtcp_sr.bin"), out var c, out _));
        var sr = Assert.IsType<SenderReport>(Assert.Single(c!.Packets));
        Assert.Equal(16016567581311369308ul, sr.NtpTimestamp);
        Assert.Equal(1722342718u, sr.RtpTimestamp);
        Assert.Equal(269u, sr.PacketCount);
        Assert.Equal(13557u, sr.OctetCount);
        var block = Assert.Single(sr.Reports);
        Assert.Equal(2398654957u, block.Ssrc);
        Assert.Equal(246u, block.HighestSequence);
        Assert.Equal(127u, block.Jitter);
    }

    [Fact]
    public void Sender_report_and_sdes_parse_as_one_compound()
    {
        var sr = ConformanceData.Bytes("rtp-rtcp-aiortc", "rtcp_sr.bin");
        var sdes = ConformanceData.Bytes("rtp-rtcp-aiortc", "rtcp_sdes.bin");
        Assert.True(RtcpCompound.TryParse([.. sr, .. sdes], out var c, out _));
        Assert.IsType<SenderReport>(c!.Packets[0]);
        var chunk = Assert.Single(Assert.IsType<SourceDescription>(c.Packets[1]).Chunks);
        var cname = Assert.Single(chunk.Items);
        Assert.Equal(SourceDescriptionItem.Cname, cname.Type);
        Assert.Equal("{63f459ea-41fe-4474-9d33-9707c9ee79d1}", cname.Text);
    }

    [Fact]
    public void Every_truncation_of_the_receiver_report_is_refused()
    {
        var rr = ConformanceData.Bytes("rtp-rtcp-aiortc", "rtcp_rr.bin");
        for (var n = 0; n < rr.Length; n++)
        {
            Assert.False(RtcpCompound.TryParse(rr.AsSpan(0, n), out _, out _), $"{n} bytes");
        }
    }

    [Fact]
    public void Version_three_and_zero_padding_count_are_refused()
    {
        var rr = ConformanceData.Bytes("rtp-rtcp-aiortc", "rtcp_rr.bin");
        rr[0] = (byte)(0xC0 | (rr[0] & 0x3F));
        Assert.False(RtcpCompound.TryParse(rr, out _, out var versionError));
        Assert.Equal(RtcpParseError.BadVersion, versionError);

        var bye = ConformanceData.Bytes("rtp-rtcp-aiortc", "rtcp_bye_padding.bin");
        bye[^1] = 0;
        Assert.False(RtcpCompound.TryParse(bye, out _, out var paddingError));
        Assert.Equal(RtcpParseError.BadPadding, paddingError);
    }

    [Fact]
    public void The_generic_nack_expands_pid_and_blp()
    {
        Assert.True(RtcpCompound.TryParse(ConformanceData.Bytes("rtp-rtcp-aiortc", "rtcp_rtpfb.bin"), out var c, out _));
        var nack = Assert.IsType<GenericNack>(Assert.Single(c!.Packets));
        Assert.Equal(0xf71deee4u, nack.MediaSsrc);
        // First FCI: PID 12, BLP 0 -> just 12; third FCI: PID 0x36, BLP 0 ; fifth: PID 0x6e BLP 0x1000 -> 0x6e and 0x6e+13.
        Assert.Equal((ushort)12, nack.LostSequenceNumbers[0]);
        Assert.Contains((ushort)(0x6e + 13), nack.LostSequenceNumbers);
    }
}
