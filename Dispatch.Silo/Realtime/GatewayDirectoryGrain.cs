using Dispatch.Contracts.Realtime;

namespace Dispatch.Silo.Realtime;

/// <summary>
/// The live gateway observers, in memory. After a restart or a move it is empty until every gateway's
/// next re-registration (one refresh period); entries whose lease ran out are left out.
/// </summary>
public sealed class GatewayDirectoryGrain(TimeProvider clock) : Grain, IGatewayDirectoryGrain
{
    private readonly Dictionary<string, (IGatewayObserver Observer, DateTimeOffset Expires)> _gateways = new(StringComparer.Ordinal);

    public Task Register(string gatewayId, IGatewayObserver observer, TimeSpan lease)
    {
        _gateways[gatewayId] = (observer, clock.GetUtcNow() + lease);
        return Task.CompletedTask;
    }

    public Task Unregister(string gatewayId)
    {
        _gateways.Remove(gatewayId);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<IGatewayObserver>> GetObservers()
    {
        var now = clock.GetUtcNow();
        foreach (var expired in _gateways.Where(g => g.Value.Expires < now).Select(g => g.Key).ToArray())
        {
            _gateways.Remove(expired);
        }
        return Task.FromResult<IReadOnlyList<IGatewayObserver>>(_gateways.Values.Select(g => g.Observer).ToArray());
    }
}
