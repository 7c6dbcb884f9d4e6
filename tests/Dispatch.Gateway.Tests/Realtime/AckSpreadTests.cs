using Dispatch.Client;
using Dispatch.Gateway.Realtime;

namespace Dispatch.Gateway.Tests.Realtime;

/// <summary>The devices of a large send are asked to acknowledge later; a device waits that long plus up to half again.</summary>
public sealed class AckSpreadTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(8, 0)]
    [InlineData(100, 12)]
    [InlineData(5_000, 600)]
    [InlineData(1_000_000, 2_000)]
    public void The_wait_grows_with_the_recipients_and_is_bounded(int recipients, int expectedMs)
    {
        Assert.Equal(expectedMs, AckSpread.MillisecondsFor(recipients));
    }

    [Fact]
    public void A_device_acknowledges_at_once_unless_asked_to_wait_and_then_within_one_and_a_half_times_the_wait()
    {
        var now = new PushNotice("p", PushKind.Notice, "t", "b", DateTimeOffset.UnixEpoch, "s");
        var later = now with { AckAfterMs = 600 };

        Assert.Equal(TimeSpan.Zero, now.DeliveredAckDelay());
        var delays = Enumerable.Range(0, 200).Select(_ => later.DeliveredAckDelay()).ToArray();
        Assert.All(delays, d => Assert.InRange(d.TotalMilliseconds, 600, 900));
        Assert.True(delays.Distinct().Count() > 1, "the delays are spread, not all alike");
    }
}
