using Dispatch.Contracts.Realtime;

namespace Dispatch.Contracts.Calls;

/// <summary>What the gateway that took <c>StartCall</c> tells the call grain.</summary>
/// <param name="CallerDevice">The caller's device session: where callAnswered and callEnded go.</param>
/// <param name="MediaGatewayId">The node whose media plane holds the call's legs (and whose SIP stack rings phones).</param>
/// <param name="MediaGateway">That node's observer: it closes the legs and stops the phones when the call ends.</param>
/// <param name="RingTimeout">Overrides the configured ring timeout (tests, the load generator); null for the default.</param>
/// <param name="RingsPhones">Whether the media node runs a SIP stack: without one, registered phones are not rung.</param>
[GenerateSerializer, Immutable]
public sealed record CallStart(
    [property: Id(0)] string CallerWorkerId,
    [property: Id(1)] string CalleeWorkerId,
    [property: Id(2)] DeviceSession CallerDevice,
    [property: Id(3)] string MediaGatewayId,
    [property: Id(4)] IGatewayObserver MediaGateway,
    [property: Id(5)] TimeSpan? RingTimeout = null,
    [property: Id(6)] bool RingsPhones = true);
