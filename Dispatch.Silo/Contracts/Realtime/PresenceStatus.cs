namespace Dispatch.Contracts.Realtime;

/// <summary>
/// A worker's presence, derived from the live devices: in_call if any device is in a call, else busy if
/// any is busy, else online if any is connected, else offline (after the grace period).
/// </summary>
public enum PresenceStatus
{
    Offline,
    Online,
    Busy,
    InCall,
}
