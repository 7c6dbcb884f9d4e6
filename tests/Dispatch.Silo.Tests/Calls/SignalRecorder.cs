using System.Collections.Concurrent;
using Dispatch.Contracts.Calls;
using Dispatch.Contracts.Realtime;

namespace Dispatch.Silo.Tests.Calls;

/// <summary>A gateway as the grains see it: records the call signals and the pushes it is sent.</summary>
internal sealed class SignalRecorder : IGatewayObserver
{
    public ConcurrentQueue<CallSignal> Signals { get; } = new();

    /// <summary>(push id, connection id) for every push handed to a connection through presence.</summary>
    public ConcurrentQueue<(string PushId, string ConnectionId)> Pushes { get; } = new();

    public Task DeliverPushes(IReadOnlyList<PushDelivery> deliveries)
    {
        foreach (var delivery in deliveries)
        {
            foreach (var connection in delivery.ConnectionIds)
            {
                Pushes.Enqueue((delivery.Push.Id, connection));
            }
        }
        return Task.CompletedTask;
    }

    public Task DeliverBroadcast(PushBroadcast broadcast, IPushSender sender) => Task.CompletedTask;

    public Task PresenceChanged(IReadOnlyList<PresenceChange> changes) => Task.CompletedTask;

    public Task CallSignals(IReadOnlyList<CallSignal> signals)
    {
        foreach (var signal in signals)
        {
            Signals.Enqueue(signal);
        }
        return Task.CompletedTask;
    }

    /// <summary>Waits for a signal of the call sent to the connection (or, with null, a media duty).</summary>
    public async Task<CallSignal> Next(string callId, CallSignalKind kind, string? connectionId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var found = Signals.FirstOrDefault(s => s.Call.Id == callId && s.Kind == kind
                && (connectionId is null ? s.MediaDuty : s.ConnectionIds.Contains(connectionId)));
            if (found is not null)
            {
                return found;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No {kind} signal of call {callId} for {connectionId ?? "the media node"}; seen: "
                    + string.Join("; ", Signals.Select(s => $"{s.Kind} {s.Call.Id} [{string.Join(",", s.ConnectionIds)}] duty={s.MediaDuty}")));
            }
            await Task.Delay(20);
        }
    }

    public bool Saw(string callId, CallSignalKind kind, string connectionId) =>
        Signals.Any(s => s.Call.Id == callId && s.Kind == kind && s.ConnectionIds.Contains(connectionId));
}
