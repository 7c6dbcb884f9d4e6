using Dispatch.Contracts.Realtime;

namespace Dispatch.Silo.Realtime;

/// <summary>How a worker's presence follows from the activities of the live devices.</summary>
internal static class PresenceRules
{
    /// <summary>
    /// The strongest activity wins: in_call over busy over online. With no device the answer is
    /// offline; the grain applies the grace period before it says so.
    /// </summary>
    public static PresenceStatus Derive(IEnumerable<DeviceActivity> activities)
    {
        var status = PresenceStatus.Offline;
        foreach (var activity in activities)
        {
            var candidate = activity switch
            {
                DeviceActivity.InCall => PresenceStatus.InCall,
                DeviceActivity.Busy => PresenceStatus.Busy,
                _ => PresenceStatus.Online,
            };
            if (candidate > status)
            {
                status = candidate;
            }
        }
        return status;
    }
}
