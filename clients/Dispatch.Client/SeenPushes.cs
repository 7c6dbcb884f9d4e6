namespace Dispatch.Client;

/// <summary>
/// The push ids this client has already handed to the application, so that a push arriving live and
/// again through <c>Sync()</c> (or after a reconnect) is shown once. Bounded: the oldest ids are forgotten.
/// </summary>
internal sealed class SeenPushes(int capacity = 10_000)
{
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly Lock _gate = new();

    /// <summary>True the first time an id is offered.</summary>
    public bool TryAdd(string id)
    {
        lock (_gate)
        {
            if (!_ids.Add(id))
            {
                return false;
            }
            _order.Enqueue(id);
            if (_order.Count > capacity)
            {
                _ids.Remove(_order.Dequeue());
            }
            return true;
        }
    }
}
