namespace Dispatch.Contracts.Realtime;

/// <summary>What kind of client a device is.</summary>
public enum DeviceKind
{
    Web,
    App,

    /// <summary>A registered SIP phone, announced by the worker's SIP bindings grain (not by a gateway connection).</summary>
    Sip,
}
