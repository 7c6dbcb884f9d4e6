namespace Dispatch.Contracts.Realtime;

/// <summary>
/// One live connection of a device: which gateway process holds it (and that gateway's observer) and the
/// SignalR connection id the gateway delivers to. A SIP phone (<see cref="DeviceKind.Sip"/>) has no gateway
/// observer: it counts for presence but pushes do not go to it.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DeviceSession(
    [property: Id(0)] string DeviceId,
    [property: Id(1)] DeviceKind Kind,
    [property: Id(2)] string ConnectionId,
    [property: Id(3)] string GatewayId,
    [property: Id(4)] IGatewayObserver? Gateway);
