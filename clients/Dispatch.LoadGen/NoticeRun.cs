using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Dispatch.Client;

namespace Dispatch.LoadGen;

/// <summary>
/// <c>--mode notice</c>: connect N workers ─► one notice to all of them (POST /api/notices) ─► every device
/// confirms ─► report the time from sending until the server counts 100 % delivered and 100 % confirmed
/// (read from GET /api/notices/{id} every 100 ms), and the device-side percentiles.
/// </summary>
internal sealed class NoticeRun(LoadOptions options, TextWriter output)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly string _title = $"LoadGen notice {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss} {Guid.NewGuid():N}";

    public async Task<int> Execute()
    {
        await using var dispatcher = new DispatchClient(new DispatchClientOptions { Server = options.Server });
        await dispatcher.LoginAsync(options.Dispatcher, options.Password);
        var targets = await LoadRun.Workers(dispatcher.Http, options.Workers);
        output.WriteLine($"{targets.Count} workers to simulate (of the scope of '{options.Dispatcher}'), confirming notices");
        var workers = targets.Select(t => new ConfirmingWorker(t.Id, t.Phone, _title)).ToArray();
        try
        {
            var started = _clock.Elapsed;
            await Parallel.ForEachAsync(workers, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency }, async (w, _) => await w.Start(options, _clock));
            output.WriteLine($"all {workers.Length} workers logged in and connected in {(_clock.Elapsed - started).TotalSeconds:F1} s");

            var sent = _clock.Elapsed;
            var response = await dispatcher.Http.PostAsJsonAsync("/api/notices", new
            {
                title = _title,
                body = "LoadGen: every simulated worker confirms",
                priority = "urgent",
                workerIds = workers.Select(w => w.WorkerId).ToArray(),
            });
            var answered = _clock.Elapsed;
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                output.WriteLine($"POST /api/notices failed: {(int)response.StatusCode} {body}");
                return 1;
            }
            var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
            output.WriteLine($"POST /api/notices for {workers.Length} workers answered in {(answered - sent).TotalMilliseconds:F0} ms (notice {id})");

            TimeSpan? allDelivered = null, allConfirmed = null;
            var deadline = _clock.Elapsed + options.DeliveryTimeout;
            var lastPrint = TimeSpan.Zero;
            while (allConfirmed is null && _clock.Elapsed < deadline)
            {
                var total = (await dispatcher.Http.GetFromJsonAsync<JsonElement>($"/api/notices/{id}")).GetProperty("awareness");
                var now = _clock.Elapsed;
                var delivered = total.GetProperty("delivered").GetInt32();
                var confirmed = total.GetProperty("confirmed").GetInt32();
                if (allDelivered is null && delivered == workers.Length)
                {
                    allDelivered = now - sent;
                }
                if (confirmed == workers.Length)
                {
                    allConfirmed = now - sent;
                }
                if (now - lastPrint > TimeSpan.FromSeconds(1))
                {
                    output.WriteLine($"  server counts: delivered {delivered}/{workers.Length}, confirmed {confirmed}/{workers.Length}, rate {total.GetProperty("rate").GetDouble():P1}");
                    lastPrint = now;
                }
                await Task.Delay(100);
            }

            // The server may count a confirmation before the device has its answer: give the devices a moment.
            for (var i = 0; i < 100 && allConfirmed is not null && workers.Any(w => w.ConfirmedAt is null); i++)
            {
                await Task.Delay(100);
            }
            var received = workers.Where(w => w.ReceivedAt is not null).Select(w => w.ReceivedAt!.Value - sent).ToArray();
            var confirms = workers.Where(w => w.ConfirmedAt is not null).Select(w => w.ConfirmedAt!.Value - sent).ToArray();
            output.WriteLine();
            output.WriteLine(Percentiles.Describe("notice on the device (send → push event)", received));
            output.WriteLine(Percentiles.Describe("confirmation acknowledged (send → confirmed ack done)", confirms));
            output.WriteLine($"acknowledgements sent again after a failure: {workers.Sum(w => w.Retries)}; devices that never got the notice: {workers.Count(w => w.ReceivedAt is null)}");
            output.WriteLine($"100 % delivered (server count) after {Describe(allDelivered)}");
            output.WriteLine($"100 % confirmed, awareness rate 100 % (server count) after {Describe(allConfirmed)}");
            return allConfirmed is null ? 1 : 0;
        }
        finally
        {
            await Task.WhenAll(workers.Select(w => w.DisposeAsync().AsTask()));
        }
    }

    private static string Describe(TimeSpan? t) => t is { } v ? $"{v.TotalMilliseconds:F0} ms" : "never (timed out)";
}
