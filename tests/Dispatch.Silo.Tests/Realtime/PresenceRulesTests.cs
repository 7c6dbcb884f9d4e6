using Dispatch.Contracts.Realtime;
using Dispatch.Silo.Realtime;

namespace Dispatch.Silo.Tests.Realtime;

public sealed class PresenceRulesTests
{
    [Theory]
    [InlineData(new DeviceActivity[0], PresenceStatus.Offline)]
    [InlineData(new[] { DeviceActivity.Available }, PresenceStatus.Online)]
    [InlineData(new[] { DeviceActivity.Available, DeviceActivity.Busy }, PresenceStatus.Busy)]
    [InlineData(new[] { DeviceActivity.Busy, DeviceActivity.InCall, DeviceActivity.Available }, PresenceStatus.InCall)]
    public void The_strongest_device_activity_decides_the_presence(DeviceActivity[] activities, PresenceStatus expected)
    {
        Assert.Equal(expected, PresenceRules.Derive(activities));
    }
}
