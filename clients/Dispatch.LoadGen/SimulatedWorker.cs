using System.Diagnostics;
using Dispatch.Client;

namespace Dispatch.LoadGen;

/// <summary>
/// One worker's app: logs in, stays connected, acknowledges every push on arrival (after the wait the server asks
/// for, as the app does: <see cref="PushNotice.DeliveredAckDelay"/>), and times it.
/// </summary>
internal sealed class SimulatedWorker(string workerId, string phone, string runTitle) : IAsyncDisposable
{
    private DispatchClient? _client;
    private volatile string _expected = runTitle;

    public string WorkerId { get; } = workerId;

    /// <summary>The connected client (after <see cref="Start"/>), for modes that do more than acknowledge pushes.</summary>
    public DispatchClient Client => _client ?? throw new InvalidOperationException("Start the worker first.");

    /// <summary>When the push arrived, on the run's clock.</summary>
    public TimeSpan? ReceivedAt { get; private set; }

    /// <summary>This process's total garbage-collection pause when the push arrived (to tell its pauses from the server's).</summary>
    public TimeSpan PausedWhenReceived { get; private set; }

    /// <summary>How long the delivered acknowledgement took, invocation to completion.</summary>
    public TimeSpan? AckRoundTrip { get; private set; }

    /// <summary>When the server had saved the delivered acknowledgement (its answer arrived), on the run's clock.</summary>
    public TimeSpan? AckedAt { get; private set; }

    public async Task Start(LoadOptions options, Stopwatch clock)
    {
        _client = new DispatchClient(new DispatchClientOptions
        {
            Server = options.Server,
            DeviceId = "loadgen-" + WorkerId,
            DeviceKind = DeviceKind.App,
            AcknowledgeDelivery = false,
            Protocol = options.Protocol,
        });
        _client.PushReceived += async push =>
        {
            if (push.Title != _expected)
            {
                // Left over from an earlier run or round (unread, so Sync offers it again): not this measurement.
                return;
            }
            ReceivedAt = clock.Elapsed;
            PausedWhenReceived = GC.GetTotalPauseDuration();
            if (push.DeliveredAckDelay() is var delay && delay > TimeSpan.Zero)
            {
                await Task.Delay(delay);
            }
            var started = Stopwatch.GetTimestamp();
            await _client.AckAsync(push.Id, ReceiptKind.Delivered);
            AckRoundTrip = Stopwatch.GetElapsedTime(started);
            AckedAt = clock.Elapsed;
        };
        await _client.LoginAsync(phone, options.Password);
        await _client.ConnectAsync();
    }

    /// <summary>Measures the push with this title next, forgetting the previous one's times.</summary>
    public void Expect(string title)
    {
        ReceivedAt = null;
        AckRoundTrip = null;
        AckedAt = null;
        _expected = title;
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }
    }
}
