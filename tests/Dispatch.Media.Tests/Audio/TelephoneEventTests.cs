using Dispatch.Media.Audio.Dtmf;

namespace Dispatch.Media.Tests.Audio;

public sealed class TelephoneEventTests
{
    [Fact]
    public void An_event_payload_parses_and_writes_back_identically()
    {
        byte[] wire = [0x0B, 0x8A, 0x03, 0x20]; // '#', end, volume 10, duration 800
        Assert.True(TelephoneEvent.TryParse(wire, out var e, out _));
        Assert.Equal(new TelephoneEvent(11, true, 10, 800), e);
        Assert.Equal('#', e.Key);
        var written = new byte[4];
        Assert.Equal(4, e.Write(written));
        Assert.Equal(wire, written);
    }

    [Fact]
    public void The_reserved_bit_is_ignored_and_a_short_payload_is_refused_with_a_reason()
    {
        Assert.True(TelephoneEvent.TryParse([0x05, 0x40 | 0x07, 0, 160], out var e, out _));
        Assert.Equal(new TelephoneEvent(5, false, 7, 160), e);
        Assert.False(TelephoneEvent.TryParse([0x05, 0x07, 0], out _, out var error));
        Assert.Contains("RFC 4733", error);
    }

    [Fact]
    public void The_relay_rescales_durations_and_keeps_one_timestamp_per_event_with_the_marker_on_its_first_packet()
    {
        var relay = new TelephoneEventRelay(8000, 48000);
        var first = relay.Translate(new TelephoneEvent(1, false, 10, 160), 5000, 900_000);
        var middle = relay.Translate(new TelephoneEvent(1, false, 10, 320), 5000, 900_960);
        var end = relay.Translate(new TelephoneEvent(1, true, 10, 800), 5000, 901_920);
        var endAgain = relay.Translate(new TelephoneEvent(1, true, 10, 800), 5000, 901_920);
        var next = relay.Translate(new TelephoneEvent(2, false, 10, 160), 9000, 950_000);

        Assert.Equal((new TelephoneEvent(1, false, 10, 960), 900_000u, true), first);
        Assert.Equal((new TelephoneEvent(1, false, 10, 1920), 900_000u, false), middle);
        Assert.Equal((new TelephoneEvent(1, true, 10, 4800), 900_000u, false), end);
        Assert.Equal(end, endAgain); // end-bit retransmissions pass through as such
        Assert.Equal((new TelephoneEvent(2, false, 10, 960), 950_000u, true), next);
    }

    [Fact]
    public void Down_to_8_kHz_durations_shrink_and_up_to_48_kHz_a_long_event_is_capped()
    {
        Assert.Equal(160, new TelephoneEventRelay(48000, 8000).Translate(new TelephoneEvent(0, false, 0, 960), 1, 1).Event.Duration);
        Assert.Equal(ushort.MaxValue, new TelephoneEventRelay(8000, 48000).Translate(new TelephoneEvent(0, false, 0, 20000), 1, 1).Event.Duration);
    }
}
