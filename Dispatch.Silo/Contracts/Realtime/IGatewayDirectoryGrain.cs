using Orleans.Concurrency;

namespace Dispatch.Contracts.Realtime;

/// <summary>
/// Keyed 0: the live gateway observers, for what must reach every gateway (presence). Gateways register
/// again on a timer; an entry not renewed within its lease is dropped.
/// </summary>
public interface IGatewayDirectoryGrain : IGrainWithIntegerKey
{
    Task Register(string gatewayId, IGatewayObserver observer, TimeSpan lease);

    Task Unregister(string gatewayId);

    [ReadOnly]
    Task<IReadOnlyList<IGatewayObserver>> GetObservers();
}
