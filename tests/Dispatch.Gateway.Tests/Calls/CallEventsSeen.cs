using System.Collections.Concurrent;
using Dispatch.Client;

namespace Dispatch.Gateway.Tests.Calls;

/// <summary>The call events one client received, to wait on with a deadline.</summary>
internal sealed class CallEventsSeen
{
    private readonly ConcurrentQueue<(string Event, CallInfo Call)> _seen = new();

    public CallEventsSeen(DispatchClient client)
    {
        client.CallRinging += c => _seen.Enqueue(("callRinging", c));
        client.CallAnswered += c => _seen.Enqueue(("callAnswered", c));
        client.CallAnsweredElsewhere += c => _seen.Enqueue(("callAnsweredElsewhere", c));
        client.CallEnded += c => _seen.Enqueue(("callEnded", c));
    }

    public async Task<CallInfo> Next(string name, string? callId = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var hit = _seen.FirstOrDefault(s => s.Event == name && (callId is null || s.Call.CallId == callId));
            if (hit.Call is not null)
            {
                return hit.Call;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No {name} for call {callId ?? "(any)"}; seen: {string.Join(", ", _seen.Select(s => s.Event + " " + s.Call.CallId))}");
            }
            await Task.Delay(25);
        }
    }

    public bool Saw(string name, string callId) => _seen.Any(s => s.Event == name && s.Call.CallId == callId);
}
