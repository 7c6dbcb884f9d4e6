using Dispatch.Media.Audio.Jitter;

namespace Dispatch.Media.Tests.Audio;

/// <summary>The jitter buffer in virtual time: frames pushed at chosen arrival times, popped every 20 ms.</summary>
public sealed class JitterBufferTests
{
    private static readonly TimeSpan Frame = TimeSpan.FromMilliseconds(20);
    private readonly byte[] _out = new byte[1500];

    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    private static bool Push(JitterBuffer buffer, ushort sequence, TimeSpan at) =>
        buffer.Push([(byte)sequence, (byte)(sequence >> 8)], sequence, (uint)(sequence * 160), at);

    private (JitterFrameKind Kind, int Sequence) Pop(JitterBuffer buffer, TimeSpan at)
    {
        var frame = buffer.Pop(at, _out);
        return (frame.Kind, frame.Kind == JitterFrameKind.Frame ? _out[0] | (_out[1] << 8) : -1);
    }

    [Fact]
    public void Nothing_plays_until_the_playout_delay_after_the_first_packet()
    {
        var buffer = new JitterBuffer(new JitterBufferOptions { PlayoutDelay = Ms(60) });
        Assert.Equal(JitterFrameKind.Idle, Pop(buffer, Ms(0)).Kind);
        Push(buffer, 100, Ms(0));
        Push(buffer, 101, Ms(20));
        Assert.Equal(JitterFrameKind.Idle, Pop(buffer, Ms(40)).Kind);
        Assert.Equal((JitterFrameKind.Frame, 100), Pop(buffer, Ms(60)));
        Assert.Equal((JitterFrameKind.Frame, 101), Pop(buffer, Ms(80)));
    }

    [Fact]
    public void Reordered_packets_play_in_sequence_order()
    {
        var buffer = new JitterBuffer();
        ushort[] arrival = [10, 12, 11, 14, 13, 15];
        for (var i = 0; i < arrival.Length; i++) Push(buffer, arrival[i], Frame * i);
        var played = Enumerable.Range(0, 6).Select(i => Pop(buffer, Ms(100) + Frame * i)).ToList();
        Assert.Equal([10, 11, 12, 13, 14, 15], played.Select(p => p.Sequence));
        Assert.Equal(0, buffer.Statistics.Lost);
    }

    [Fact]
    public void A_packet_that_arrives_before_the_first_one_played_still_plays_first()
    {
        var buffer = new JitterBuffer();
        Push(buffer, 501, Ms(0));
        Push(buffer, 500, Ms(10));
        Assert.Equal((JitterFrameKind.Frame, 500), Pop(buffer, Ms(60)));
        Assert.Equal((JitterFrameKind.Frame, 501), Pop(buffer, Ms(80)));
    }

    [Fact]
    public void A_lost_frame_is_reported_missing_with_the_next_one_available_for_fec_and_counted()
    {
        var buffer = new JitterBuffer();
        Push(buffer, 1, Ms(0));
        Push(buffer, 3, Ms(40));
        Assert.Equal((JitterFrameKind.Frame, 1), Pop(buffer, Ms(60)));
        var missing = buffer.Pop(Ms(80), _out);
        Assert.Equal(JitterFrameKind.Missing, missing.Kind);
        Assert.Equal(2, missing.SequenceNumber);
        Assert.Equal([3, 0], buffer.PeekNext().ToArray());
        Assert.Equal((JitterFrameKind.Frame, 3), Pop(buffer, Ms(100)));
        Assert.Equal(1, buffer.Statistics.Lost);
    }

    [Fact]
    public void A_packet_arriving_after_its_turn_is_late_and_dropped()
    {
        var buffer = new JitterBuffer();
        Push(buffer, 1, Ms(0));
        Push(buffer, 3, Ms(40));
        Pop(buffer, Ms(60));
        Pop(buffer, Ms(80)); // 2 concealed
        Assert.False(Push(buffer, 2, Ms(85)));
        Assert.Equal(1, buffer.Statistics.Late);
        Assert.Equal((JitterFrameKind.Frame, 3), Pop(buffer, Ms(100)));
    }

    [Fact]
    public void Duplicates_are_dropped()
    {
        var buffer = new JitterBuffer();
        Assert.True(Push(buffer, 7, Ms(0)));
        Assert.False(Push(buffer, 7, Ms(1)));
        Assert.Equal(1, buffer.Statistics.Duplicates);
    }

    [Fact]
    public void A_burst_beyond_capacity_moves_playout_forward_so_the_delay_stays_bounded()
    {
        var buffer = new JitterBuffer(new JitterBufferOptions { Capacity = 5 });
        for (ushort s = 0; s < 12; s++) Push(buffer, s, Ms(s));
        Assert.True(buffer.Depth <= 5);
        Assert.Equal((JitterFrameKind.Frame, 7), Pop(buffer, Ms(100)));
        Assert.Equal(7, buffer.Statistics.Dropped);
    }

    [Fact]
    public void Sequence_numbers_wrap_without_a_hiccup()
    {
        var buffer = new JitterBuffer();
        ushort[] arrival = [65534, 0, 65535, 1];
        for (var i = 0; i < arrival.Length; i++) Push(buffer, arrival[i], Frame * i);
        var played = Enumerable.Range(0, 4).Select(i => Pop(buffer, Ms(100) + Frame * i).Sequence);
        Assert.Equal([65534, 65535, 0, 1], played);
    }

    [Fact]
    public void After_a_long_gap_the_buffer_goes_idle_and_rebuffers_on_the_next_packet()
    {
        var buffer = new JitterBuffer(new JitterBufferOptions { MissingFramesBeforeRebuffer = 3 });
        Push(buffer, 1, Ms(0));
        Pop(buffer, Ms(60));
        Assert.Equal(JitterFrameKind.Missing, Pop(buffer, Ms(80)).Kind);
        Assert.Equal(JitterFrameKind.Missing, Pop(buffer, Ms(100)).Kind);
        Assert.Equal(JitterFrameKind.Missing, Pop(buffer, Ms(120)).Kind);
        Assert.Equal(JitterFrameKind.Idle, Pop(buffer, Ms(140)).Kind);
        Assert.False(buffer.IsPlaying);

        Push(buffer, 40, Ms(1000));
        Assert.Equal(JitterFrameKind.Idle, Pop(buffer, Ms(1020)).Kind);
        Assert.Equal((JitterFrameKind.Frame, 40), Pop(buffer, Ms(1060)));
    }

    [Fact]
    public void A_restarted_sender_far_away_in_sequence_space_resynchronises()
    {
        var buffer = new JitterBuffer();
        Push(buffer, 100, Ms(0));
        Assert.Equal((JitterFrameKind.Frame, 100), Pop(buffer, Ms(60)));
        Push(buffer, 30000, Ms(70));
        Assert.Equal(1, buffer.Statistics.Rebuffers);
        Assert.Equal((JitterFrameKind.Frame, 30000), Pop(buffer, Ms(140)));
    }

    [Fact]
    public void Jittery_arrival_within_the_playout_delay_loses_nothing()
    {
        var buffer = new JitterBuffer(new JitterBufferOptions { PlayoutDelay = Ms(60) });
        var random = new Random(7);
        var events = Enumerable.Range(0, 200)
            .Select(i => (Sequence: (ushort)i, At: Frame * i + Ms(random.Next(0, 50))))
            .OrderBy(e => e.At).ToList();
        var played = new List<int>();
        var next = 0;
        for (var tick = Ms(0); tick < Frame * 205 + Ms(60); tick += Frame)
        {
            while (next < events.Count && events[next].At <= tick) { Push(buffer, events[next].Sequence, events[next].At); next++; }
            var (kind, sequence) = Pop(buffer, tick);
            if (kind == JitterFrameKind.Frame) played.Add(sequence);
        }
        Assert.Equal(Enumerable.Range(0, 200), played);
        Assert.Equal(0, buffer.Statistics.Late);
    }
}
