using System.Buffers.Binary;
using Dispatch.Media.WebRtc.Rtcp;

namespace Dispatch.Media.Tests.WebRtc.Rtcp;

public class RtcpBuilderTests
{
    private static T ParseSingle<T>(ReadOnlySpan<byte> bytes) where T : RtcpPacket
    {
        Assert.True(RtcpCompound.TryParse(bytes, out var c, out var error), error.ToString());
        return Assert.IsType<T>(Assert.Single(c!.Packets));
    }

    [Fact]
    public void A_receiver_report_round_trips_its_blocks()
    {
        ReportBlock[] blocks = [new(1, 25, -3, 70_000, 12, 0xAABBCCDD, 655), new(2, 0, 1_000, 5, 0, 0, 0)];
        var buffer = new byte[ReceiverReport.LengthFor(blocks.Length)];
        Assert.Equal(buffer.Length, ReceiverReport.Write(buffer, 0x1234, blocks));
        var rr = ParseSingle<ReceiverReport>(buffer);
        Assert.Equal(0x1234u, rr.Ssrc);
        Assert.Equal(blocks, rr.Reports);
    }

    [Fact]
    public void A_nack_packs_neighbouring_losses_into_bitmasks_and_round_trips()
    {
        ushort[] lost = [65_530, 65_531, 65_535, 3, 40, 41, 57, 58];
        var buffer = new byte[GenericNack.LengthFor(lost)];
        Assert.Equal(buffer.Length, GenericNack.Write(buffer, 1, 2, lost));
        Assert.Equal(12 + 3 * 4, buffer.Length); // PID 65530 (+65531, 65535, 3 across the wrap), PID 40 (+41), PID 57 (+58)
        var nack = ParseSingle<GenericNack>(buffer);
        Assert.Equal(lost, nack.LostSequenceNumbers);
        Assert.Equal(2u, nack.MediaSsrc);
    }

    [Fact]
    public void A_pli_round_trips()
    {
        var buffer = new byte[PictureLossIndication.Length];
        PictureLossIndication.Write(buffer, 10, 20);
        var pli = ParseSingle<PictureLossIndication>(buffer);
        Assert.Equal((10u, 20u), (pli.SenderSsrc, pli.MediaSsrc));
    }

    [Fact]
    public void Fir_and_remb_parse()
    {
        var fir = Convert.FromHexString("84ce0004" + "00000001" + "00000000" + "0000abcd" + "07000000");
        var parsedFir = ParseSingle<FullIntraRequest>(fir);
        Assert.Equal(new FullIntraRequestEntry(0xabcd, 7), Assert.Single(parsedFir.Entries));

        // REMB: 1 SSRC, exponent 3, mantissa 0x12345 -> 0x12345 << 3 bps.
        var remb = new byte[24];
        new RtcpHeader(false, 15, RtcpPacketType.PayloadFeedback, 5).Write(remb);
        BinaryPrimitives.WriteUInt32BigEndian(remb.AsSpan(4), 99);
        "REMB"u8.CopyTo(remb.AsSpan(12));
        remb[16] = 1;
        BinaryPrimitives.WriteUInt32BigEndian(remb.AsSpan(16), (1u << 24) | (3u << 18) | 0x12345);
        BinaryPrimitives.WriteUInt32BigEndian(remb.AsSpan(20), 0x5555);
        var parsedRemb = ParseSingle<ReceiverEstimatedMaxBitrate>(remb);
        Assert.Equal(0x12345ul << 3, parsedRemb.BitsPerSecond);
        Assert.Equal(0x5555u, Assert.Single(parsedRemb.Ssrcs));
    }

    [Fact]
    public void Transport_wide_feedback_decodes_chunks_and_deltas()
    {
        // Base seq 100, 4 packets; run-length chunk: 2 x small delta; two-bit vector chunk: large, not received.
        var twcc = Convert.FromHexString(
            "8fcd0006" + "00000001" + "00000002" + "0064" + "0004" + "000010" + "05" +
            "2002" + "e000" + "0408" + "ff38");
        var fb = ParseSingle<TransportWideFeedback>(twcc);
        Assert.Equal((ushort)100, fb.BaseSequence);
        Assert.Equal(16, fb.ReferenceTime);
        Assert.Equal(5, fb.FeedbackCount);
        Assert.Equal(
            [TransportPacketStatus.ReceivedSmallDelta, TransportPacketStatus.ReceivedSmallDelta, TransportPacketStatus.ReceivedLargeDelta, TransportPacketStatus.NotReceived],
            fb.Statuses);
        Assert.Equal([4, 8, -200], fb.ReceiveDeltas);
    }
}
