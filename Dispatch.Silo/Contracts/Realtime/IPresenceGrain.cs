using Orleans.Concurrency;

namespace Dispatch.Contracts.Realtime;

/// <summary>
/// One per worker, keyed by worker id: the worker's live devices (in memory, re-announced by the
/// gateways) and the presence derived from them.
/// </summary>
public interface IPresenceGrain : IGrainWithStringKey
{
    /// <summary>Adds or refreshes a device session; idempotent (gateways re-announce on a timer).</summary>
    Task Connect(DeviceSession session);

    /// <summary>Drops the device if this connection still holds it.</summary>
    Task Disconnect(string deviceId, string connectionId);

    Task SetActivity(string deviceId, DeviceActivity activity);

    [ReadOnly]
    Task<PresenceStatus> GetStatus();

    /// <summary>The live device sessions (web, app and SIP phones): the devices a call rings.</summary>
    [ReadOnly]
    Task<IReadOnlyList<DeviceSession>> GetDevices();

    /// <summary>Sends a saved push to every live device, one call per gateway.</summary>
    Task Deliver(PushMessage push);
}
