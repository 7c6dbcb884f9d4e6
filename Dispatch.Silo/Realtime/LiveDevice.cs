using Dispatch.Contracts.Realtime;

namespace Dispatch.Silo.Realtime;

/// <summary>A device as the presence grain keeps it in memory.</summary>
internal sealed class LiveDevice(DeviceSession session, DateTimeOffset seen)
{
    public DeviceSession Session { get; set; } = session;

    public DeviceActivity Activity { get; set; } = DeviceActivity.Available;

    /// <summary>When the gateway last announced it; a device not announced within the lease is dropped.</summary>
    public DateTimeOffset Seen { get; set; } = seen;
}
