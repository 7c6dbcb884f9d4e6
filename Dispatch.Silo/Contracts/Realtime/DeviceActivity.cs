namespace Dispatch.Contracts.Realtime;

/// <summary>What a connected device reports about its person.</summary>
public enum DeviceActivity
{
    Available,
    Busy,
    InCall,
}
