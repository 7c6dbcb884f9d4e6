namespace Dispatch.Contracts.Realtime;

/// <summary>What kind of client a device is (SIP phones join later through the SIP stack).</summary>
public enum DeviceKind
{
    Web,
    App,
}
