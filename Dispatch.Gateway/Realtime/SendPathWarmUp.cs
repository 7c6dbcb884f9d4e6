using System.Buffers;
using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Dispatch.Contracts.Realtime;
using Dispatch.Gateway.Api;
using Dispatch.Gateway.Health;
using Dispatch.Silo.Realtime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Dispatch.Gateway.Realtime;

/// <summary>
/// Runs the code of a send once when the gateway is ready, so that the first send after a start does not pay for
/// it: without it, that send's first device heard of it after 0.4–0.5 s instead of a few tens of ms, and its p99 was
/// about twice a warm send's (docs/realtime.md, "The first send after a start"). What the first send used to build:
/// <list type="bullet">
/// <item>each hub protocol's serializer for the <c>push</c> event and for a device's string arguments
/// (MessagePack compiles a delegate per type on first use);</item>
/// <item>the REST send's JSON contract;</item>
/// <item>the grain serializer of a send, of its tracker's rows and of an inbox's rows, and the activation of a tracker
/// and of an inbox, with an acknowledgement of a push it cannot have (on a key no send or worker can have: read, never
/// written);</item>
/// <item>the grain storage's write path, through <see cref="IWarmUpGrain"/> (one row for all gateways: a count of warm-ups);</item>
/// <item>the hand-out loop, on a send to nobody.</item>
/// </list>
/// Nothing else is saved and nothing is sent to a device. In the background; a failure only leaves the first send slower.
/// </summary>
internal sealed partial class SendPathWarmUp(
    IEnumerable<IHubProtocol> protocols, IOptions<HttpJsonOptions> json, Serializer serializer, IGrainFactory grains,
    GatewayObserver local, GatewayReadiness readiness, TimeProvider clock, ILogger<SendPathWarmUp> logger)
    : BackgroundService
{
    /// <summary>A broadcast id that <see cref="PushIds.NewBroadcast"/> cannot make: it is not hexadecimal.</summary>
    internal const string BroadcastId = "warm-up-send-path-no-send";

    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the warm-up ran (or failed); for tests.</summary>
    internal Task Done => _done.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!readiness.IsReady)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), stoppingToken);
            }
            var started = Stopwatch.GetTimestamp();
            var broadcast = new PushBroadcast(BroadcastId, PushKind.Notice, "预热", "warm-up", clock.GetUtcNow(), "warm-up",
                Enumerable.Range(0, 64).Select(i => $"W{i:D6}").ToArray());
            WarmHubProtocols(broadcast);
            WarmRestContract();
            await WarmGrainPath(broadcast);
            local.HandOut(broadcast with { WorkerIds = [] });
            LogWarmed(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogNotWarmed(e.Message);
        }
        finally
        {
            _done.TrySetResult();
        }
    }

    /// <summary>The <c>push</c> event and a <c>Sync</c> answer written, and every string-only hub method's call read.</summary>
    private void WarmHubProtocols(PushBroadcast broadcast)
    {
        var view = new PushView(PushIds.Of(BroadcastId, 0), broadcast.Kind, broadcast.Title, broadcast.Body, broadcast.CreatedAt,
            broadcast.SenderName, AckAfterMs: 1);
        var calls = StringOnlyHubMethods();
        foreach (var protocol in protocols)
        {
            protocol.GetMessageBytes(new InvocationMessage(HubEvents.Push, [view]));
            protocol.GetMessageBytes(CompletionMessage.WithResult("0", new[] { view }));
            foreach (var (name, parameters) in calls)
            {
                var bytes = protocol.GetMessageBytes(new InvocationMessage("0", name, parameters.Select(_ => (object?)"warm-up").ToArray()));
                var input = new ReadOnlySequence<byte>(bytes);
                if (!protocol.TryParseMessage(ref input, new MethodBinder(parameters), out var message) || message is not InvocationMessage)
                {
                    throw new InvalidOperationException($"The {protocol.Name} protocol did not read back a call of '{name}'.");
                }
            }
        }
    }

    private static (string Name, Type[] Parameters)[] StringOnlyHubMethods() =>
        typeof(DispatchHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Select(m => (m.Name, Parameters: m.GetParameters().Select(p => p.ParameterType).ToArray()))
            .Where(m => m.Parameters.Length > 0 && m.Parameters.All(p => p == typeof(string)))
            .ToArray();

    private void WarmRestContract()
    {
        var options = json.Value.SerializerOptions;
        JsonSerializer.Deserialize<PushRequest>("""{"workerIds":["W000001"],"title":"t","body":"b","kind":"notice"}""", options);
        JsonSerializer.Serialize(new PushResponse([PushIds.Of(BroadcastId, 0)]), options);
    }

    private async Task WarmGrainPath(PushBroadcast broadcast)
    {
        var tracker = grains.GetGrain<IPushTrackerGrain>(BroadcastId);
        var state = new PushTrackerState { Broadcast = broadcast };
        state.Receipts.Add(new TrackedReceipt(0, "warm-up", ReceiptKind.Delivered, broadcast.CreatedAt));
        serializer.Deserialize<PushTrackerState>(serializer.SerializeToArray(state));
        var push = broadcast.PushFor(0, tracker);
        serializer.Deserialize<PushMessage>(serializer.SerializeToArray(push));
        // The rows an inbox's Store and Ack write, and a tracker's receipt segment.
        var receipt = new PushReceipt(push.Id, push.WorkerId, "warm-up", ReceiptKind.Delivered, broadcast.CreatedAt);
        var entry = new InboxEntry { Push = push, Receipts = [receipt] };
        serializer.Deserialize<InboxState>(serializer.SerializeToArray(new InboxState { Entries = [entry], Unreported = [receipt], Segments = [0] }));
        serializer.Deserialize<InboxSegment>(serializer.SerializeToArray(new InboxSegment { Entries = [entry], Unreported = [receipt] }));
        serializer.Deserialize<PushReceiptSegment>(serializer.SerializeToArray(new PushReceiptSegment { Receipts = [.. state.Receipts] }));
        // Activates a tracker: its row is read (none is found) and Get never writes.
        await tracker.Get(PushIds.Of(BroadcastId, 0));
        // An acknowledgement's path (its proxy and Orleans' generic response handling for its outcome) on an inbox of the
        // same key, which no worker has: the push id is not one of a send, so nothing is found and nothing written.
        await grains.GetGrain<IInboxGrain>(BroadcastId).Ack(PushIds.Of(BroadcastId, 0), "warm-up", ReceiptKind.Delivered);
        await grains.GetGrain<IWarmUpGrain>(IWarmUpGrain.SendPath).Run(clock.GetUtcNow());
    }

    private sealed class MethodBinder(Type[] parameters) : IInvocationBinder
    {
        public IReadOnlyList<Type> GetParameterTypes(string methodName) => parameters;

        public Type GetReturnType(string invocationId) => typeof(object);

        public Type GetStreamItemType(string streamId) => typeof(object);
    }

    [LoggerMessage(LogLevel.Information, "Send path warmed in {Ms:F0} ms (hub protocols, REST contract, grain serializer, tracker activation)")]
    private partial void LogWarmed(double ms);

    [LoggerMessage(LogLevel.Warning, "Send path not warmed at start (the first send pays for it): {Reason}")]
    private partial void LogNotWarmed(string reason);
}
