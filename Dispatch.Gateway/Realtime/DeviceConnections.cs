using System.Collections.Concurrent;

namespace Dispatch.Gateway.Realtime;

/// <summary>The devices connected to this gateway process, so they can be announced again on a timer.</summary>
internal sealed class DeviceConnections
{
    private readonly ConcurrentDictionary<string, ConnectedDevice> _byConnection = new(StringComparer.Ordinal);

    public void Add(ConnectedDevice device) => _byConnection[device.ConnectionId] = device;

    public void Remove(string connectionId) => _byConnection.TryRemove(connectionId, out _);

    public bool Contains(string connectionId) => _byConnection.ContainsKey(connectionId);

    public ICollection<ConnectedDevice> All => _byConnection.Values;

    public int Count => _byConnection.Count;
}
