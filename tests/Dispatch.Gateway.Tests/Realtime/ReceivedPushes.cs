using System.Collections.Concurrent;
using Dispatch.Client;

namespace Dispatch.Gateway.Tests.Realtime;

/// <summary>Records what a client handed to the application.</summary>
internal sealed class ReceivedPushes
{
    private readonly ConcurrentQueue<PushNotice> _pushes = new();

    public ReceivedPushes(DispatchClient client) => client.PushReceived += p =>
    {
        _pushes.Enqueue(p);
        return Task.CompletedTask;
    };

    public IReadOnlyList<PushNotice> All => _pushes.ToArray();

    public Task<PushNotice> WaitFor(string pushId, TimeSpan timeout) => Poll.Until(
        () => Task.FromResult(_pushes.FirstOrDefault(p => p.Id == pushId)), p => p is not null, timeout, $"push {pushId}")!;
}
