using System.Diagnostics;
using Dispatch.Client;

namespace Dispatch.LoadGen;

/// <summary>One worker's app in the notice mode: on the run's notice it acknowledges delivered, read and confirmed, as a person tapping "已知晓" at once would.</summary>
internal sealed class ConfirmingWorker(string workerId, string phone, string runTitle) : IAsyncDisposable
{
    private DispatchClient? _client;

    public string WorkerId { get; } = workerId;

    /// <summary>When the notice arrived, on the run's clock.</summary>
    public TimeSpan? ReceivedAt { get; private set; }

    /// <summary>When the confirmation was acknowledged by the server, on the run's clock.</summary>
    public TimeSpan? ConfirmedAt { get; private set; }

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
            // The notice grain puts 【通知】 or 【提醒】 before the title; earlier runs' notices are ignored.
            if (!push.Title.EndsWith(runTitle, StringComparison.Ordinal) || ConfirmedAt is not null)
            {
                return;
            }
            ReceivedAt ??= clock.Elapsed;
            await Ack(push.Id, ReceiptKind.Delivered);
            await Ack(push.Id, ReceiptKind.Read);
            await Ack(push.Id, ReceiptKind.Confirmed);
            ConfirmedAt = clock.Elapsed;
        };
        await _client.LoginAsync(phone, options.Password);
        await _client.ConnectAsync();
    }

    /// <summary>Acknowledgements that failed (and were tried again): a dropped connection under load, a timeout.</summary>
    public int Retries { get; private set; }

    /// <summary>Acks are idempotent, so a failed one (the connection dropped and is reconnecting) is simply sent again.</summary>
    private async Task Ack(string pushId, ReceiptKind kind)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _client!.AckAsync(pushId, kind);
                return;
            }
            catch (Exception) when (attempt < 30)
            {
                Retries++;
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }
    }
}
