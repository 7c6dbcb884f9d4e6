using System.Collections.Concurrent;

namespace Dispatch.Gateway.Realtime;

/// <summary>
/// The devices connected to this gateway process: by connection, so they can be announced again on a timer,
/// and by worker, so a fanned-out push finds a worker's devices here without asking a grain.
/// </summary>
internal sealed class DeviceConnections
{
    private readonly ConcurrentDictionary<string, ConnectedDevice> _byConnection = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConnectedDevice[]> _byWorker = new(StringComparer.Ordinal);
    private readonly Lock _workerLock = new();

    public void Add(ConnectedDevice device)
    {
        _byConnection[device.ConnectionId] = device;
        lock (_workerLock)
        {
            var others = _byWorker.TryGetValue(device.WorkerId, out var current)
                ? current.Where(d => d.ConnectionId != device.ConnectionId)
                : [];
            _byWorker[device.WorkerId] = [.. others, device];
        }
    }

    public void Remove(string connectionId)
    {
        if (!_byConnection.TryRemove(connectionId, out var device))
        {
            return;
        }
        lock (_workerLock)
        {
            if (!_byWorker.TryGetValue(device.WorkerId, out var current))
            {
                return;
            }
            var rest = current.Where(d => d.ConnectionId != connectionId).ToArray();
            if (rest.Length == 0)
            {
                _byWorker.TryRemove(device.WorkerId, out _);
            }
            else
            {
                _byWorker[device.WorkerId] = rest;
            }
        }
    }

    public bool Contains(string connectionId) => _byConnection.ContainsKey(connectionId);

    /// <summary>The worker's devices on this process (an array replaced, never changed, so safe to walk).</summary>
    public IReadOnlyList<ConnectedDevice> OfWorker(string workerId) =>
        _byWorker.TryGetValue(workerId, out var devices) ? devices : [];

    public ICollection<ConnectedDevice> All => _byConnection.Values;

    public int Count => _byConnection.Count;
}
