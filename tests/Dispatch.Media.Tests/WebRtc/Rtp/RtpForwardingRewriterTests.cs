using Dispatch.Media.WebRtc.Rtp;
using Microsoft.Extensions.Time.Testing;

namespace Dispatch.Media.Tests.WebRtc.Rtp;

public class RtpForwardingRewriterTests
{
    private static byte[] Packet(uint ssrc, ushort seq, uint ts)
    {
        var p = new byte[20];
        RtpHeaderWriter.Write(p, false, 111, seq, ts, ssrc);
        return p;
    }

    private static RtpHeader Forward(RtpForwardingRewriter r, uint ssrc, ushort seq, uint ts)
    {
        var p = Packet(ssrc, seq, ts);
        Assert.True(r.TryRewrite(p));
        Assert.True(RtpHeader.TryParse(p, out var h, out _));
        return h;
    }

    [Fact]
    public void A_source_switch_continues_sequence_numbers_and_advances_the_timestamp_by_wall_time()
    {
        var time = new FakeTimeProvider();
        var r = new RtpForwardingRewriter(outputSsrc: 555, clockRate: 48_000, time);
        var first = Forward(r, 1, 100, 9_000);
        Assert.Equal((ushort)100, first.SequenceNumber);
        Assert.Equal(555u, first.Ssrc);
        time.Advance(TimeSpan.FromMilliseconds(20));
        var second = Forward(r, 1, 101, 9_960);

        time.Advance(TimeSpan.FromMilliseconds(100));
        r.SelectSource(2);
        var switched = Forward(r, 2, 40_000, 1_000_000);
        Assert.Equal((ushort)(second.SequenceNumber + 1), switched.SequenceNumber);
        Assert.Equal(second.Timestamp + 4_800u, switched.Timestamp);
        Assert.Equal(555u, switched.Ssrc);
        Assert.Equal(2u, r.CurrentSource);

        time.Advance(TimeSpan.FromMilliseconds(20));
        var next = Forward(r, 2, 40_001, 1_000_960);
        Assert.Equal((ushort)(switched.SequenceNumber + 1), next.SequenceNumber);
        Assert.Equal(switched.Timestamp + 960u, next.Timestamp);
    }

    [Fact]
    public void Sequence_numbers_wrap_and_reordered_packets_keep_their_place()
    {
        var r = new RtpForwardingRewriter(9, 90_000, new FakeTimeProvider());
        Forward(r, 1, 10, 0);
        r.SelectSource(2);
        Forward(r, 2, 65_535, 0); // switch: maps to 11
        var afterWrap = Forward(r, 2, 0, 3000);
        Assert.Equal((ushort)12, afterWrap.SequenceNumber);
        var late = Forward(r, 2, 65_535, 0);
        Assert.Equal((ushort)11, late.SequenceNumber);
    }

    [Fact]
    public void Packets_of_sources_not_selected_are_refused_including_late_ones_of_the_previous_source()
    {
        var r = new RtpForwardingRewriter(9, 48_000, new FakeTimeProvider());
        Forward(r, 1, 10, 0);
        Assert.False(r.TryRewrite(Packet(3, 500, 0)));
        r.SelectSource(2);
        Assert.True(r.TryRewrite(Packet(1, 11, 960))); // still source 1 until source 2's first packet
        var switched = Forward(r, 2, 7000, 0);
        Assert.Equal((ushort)12, switched.SequenceNumber);
        Assert.False(r.TryRewrite(Packet(1, 12, 1920)));
        r.SelectSource(1);
        Assert.Equal((ushort)13, Forward(r, 1, 13, 2880).SequenceNumber);
    }

    [Fact]
    public void Non_rtp_bytes_are_refused()
    {
        var r = new RtpForwardingRewriter(9, 90_000, new FakeTimeProvider());
        Assert.False(r.TryRewrite(new byte[5]));
        Assert.False(r.TryRewrite(new byte[20]));
    }
}
