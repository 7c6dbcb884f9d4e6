using System.Collections.Concurrent;
using Dispatch.Media.Sip.Calls;

namespace Dispatch.Gateway.Media;

/// <summary>
/// The recent calls of this node's B2BUA and their steps, for <c>GET /api/sip/calls/{id}</c> and logs. Node-local
/// and in memory: a call is visible on the node that carries it. Keeps the last <see cref="Capacity"/> calls.
/// </summary>
public sealed partial class SipCallLog(ILogger<SipCallLog> logger)
{
    public const int Capacity = 1000;

    private readonly ConcurrentDictionary<string, List<SipCallEvent>> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    public void Record(SipCallEvent e)
    {
        LogCallEvent(logger, e.Call.CallId, e.State, e.Call.User, e.Detail, e.StatusCode);
        var events = _calls.GetOrAdd(e.Call.CallId, id =>
        {
            _order.Enqueue(id);
            return [];
        });
        lock (events)
        {
            events.Add(e);
        }
        while (_order.Count > Capacity && _order.TryDequeue(out var oldest))
        {
            _calls.TryRemove(oldest, out _);
        }
    }

    /// <summary>A copy of the call's steps in order, or null for a call this node does not know.</summary>
    public IReadOnlyList<SipCallEvent>? Find(string callId)
    {
        if (!_calls.TryGetValue(callId, out var events))
        {
            return null;
        }
        lock (events)
        {
            return events.ToList();
        }
    }

    /// <summary>The steps of every remembered call to <paramref name="user"/>.</summary>
    public IReadOnlyList<IReadOnlyList<SipCallEvent>> ForUser(string user) =>
        _calls.Keys.Select(Find).OfType<IReadOnlyList<SipCallEvent>>().Where(e => e.Count > 0 && e[0].Call.User == user).ToList();

    [LoggerMessage(Level = LogLevel.Information, Message = "SIP call {CallId} {State} (user {User}): {Detail} [{Status}]")]
    private static partial void LogCallEvent(ILogger logger, string callId, SipCallState state, string user, string detail, int? status);
}
