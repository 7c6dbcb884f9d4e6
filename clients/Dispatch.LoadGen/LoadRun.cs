using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Dispatch.Client;

namespace Dispatch.LoadGen;

/// <summary>
/// connect N workers ─► one push to all of them ─► wait until every device has it ─► report
/// delivery latency (push request sent → push event on the device), the delivered-ack round trip,
/// and the gateway's memory per connected worker.
/// </summary>
internal sealed class LoadRun(LoadOptions options, TextWriter output)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly string _title = $"LoadGen {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss} {Guid.NewGuid():N}";

    public async Task<int> Execute()
    {
        await using var dispatcher = new DispatchClient(new DispatchClientOptions { Server = options.Server });
        await dispatcher.LoginAsync(options.Dispatcher, options.Password);
        var targets = await Workers(dispatcher.Http, options.Workers);
        output.WriteLine($"{targets.Count} workers to simulate (of the scope of '{options.Dispatcher}')");

        ClientWarmUp.Run(options.Protocol);
        var memoryBefore = ServerMemory.ResidentBytes(options.ServerPid);
        var workers = targets.Select(t => new SimulatedWorker(t.Id, t.Phone, _title)).ToArray();
        try
        {
            await ConnectAll(workers);
            var memoryAfter = ServerMemory.ResidentBytes(options.ServerPid);
            if (options.SettleSeconds > 0)
            {
                output.WriteLine($"settling {options.SettleSeconds} s before the push");
                await Task.Delay(TimeSpan.FromSeconds(options.SettleSeconds));
            }

            var allDelivered = true;
            for (var round = 1; round <= options.Pushes; round++)
            {
                if (round > 1 && options.GapSeconds > 0)
                {
                    await Task.Delay(TimeSpan.FromSeconds(options.GapSeconds));
                }
                if (options.Pushes > 1)
                {
                    output.WriteLine();
                    output.WriteLine($"push {round} of {options.Pushes}{(round == 1 ? " (the first since the gateway started: cold code paths)" : "")}");
                }
                allDelivered &= await PushOnce(dispatcher, workers, round == 1 ? _title : $"{_title} #{round}");
            }
            if (memoryBefore is { } before && memoryAfter is { } after)
            {
                output.WriteLine($"gateway memory: {before / 1048576.0:F0} MiB → {after / 1048576.0:F0} MiB, " +
                    $"{(after - before) / 1024.0 / workers.Length:F1} KiB per connected worker");
            }
            return allDelivered ? 0 : 1;
        }
        finally
        {
            await Task.WhenAll(workers.Select(w => w.DisposeAsync().AsTask()));
        }
    }

    /// <summary>One push to every worker, timed until every device acknowledged it; false if some never got it.</summary>
    private async Task<bool> PushOnce(DispatchClient dispatcher, SimulatedWorker[] workers, string title)
    {
        foreach (var worker in workers)
        {
            worker.Expect(title);
        }
        var serverCpuBefore = ServerCpu.Used(options.ServerPid);
        var ownCpuBefore = ServerCpu.OwnUsed();
        using var quiet = options.QuietCollector ? QuietCollector.Start() : null;
        var ownPausedBefore = GC.GetTotalPauseDuration();
        var sent = _clock.Elapsed;

        var response = await dispatcher.Http.PostAsJsonAsync("/api/pushes", new
        {
            workerIds = workers.Select(w => w.WorkerId).ToArray(),
            title,
            body = "one push to every simulated worker",
            kind = "notice",
        });
        var accepted = _clock.Elapsed;
        response.EnsureSuccessStatusCode();
        await WaitForDelivery(workers);
        var quietOutcome = quiet?.Outcome ?? "collector as usual, --collector usual";
        quiet?.Dispose();
        var serverCpu = ServerCpu.Used(options.ServerPid) - serverCpuBefore;
        var ownCpu = ServerCpu.OwnUsed() - ownCpuBefore;

        var delivery = workers.Where(w => w.ReceivedAt is not null).Select(w => w.ReceivedAt!.Value - sent).ToArray();
        var acks = workers.Where(w => w.AckRoundTrip is not null).Select(w => w.AckRoundTrip!.Value).ToArray();
        var acked = workers.Where(w => w.AckedAt is not null).Select(w => w.AckedAt!.Value - sent).ToArray();
        output.WriteLine();
        output.WriteLine($"POST /api/pushes for {workers.Length} workers answered in {(accepted - sent).TotalMilliseconds:F0} ms");
        output.WriteLine(Percentiles.Describe("delivery (send → device)", delivery));
        output.WriteLine(Percentiles.Describe("ack round trip (delivered)", acks));
        output.WriteLine(Percentiles.Describe("receipt saved (send → ack)", acked));
        // The simulated devices share this process: its collections delay every device's receipt at once.
        var ownPaused = workers.Select(w => w.PausedWhenReceived).DefaultIfEmpty(ownPausedBefore).Max() - ownPausedBefore;
        output.WriteLine($"load generator paused by its own garbage collections until the last delivery: {Math.Max(0, ownPaused.TotalMilliseconds):F0} ms ({quietOutcome})");
        output.WriteLine($"CPU time from the push until every ack: gateway {serverCpu?.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture) ?? "?"} s, " +
            $"load generator {ownCpu.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)} s; load average {LoadAverage()}");
        return delivery.Length == workers.Length;
    }

    /// <summary>The machine's 1-minute load average (Linux), to read the latencies against.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    internal static async Task<IReadOnlyList<(string Id, string Phone)>> Workers(HttpClient http, int count)
    {
        var roots = await http.GetFromJsonAsync<JsonElement>("/api/units");
        var found = new List<(string, string)>();
        foreach (var root in roots.EnumerateArray())
        {
            var list = await http.GetFromJsonAsync<JsonElement>($"/api/units/{root.GetProperty("code").GetString()}/workers");
            found.AddRange(list.GetProperty("workers").EnumerateArray()
                .Select(w => (w.GetProperty("workerId").GetString()!, w.GetProperty("phone").GetString()!)));
        }
        return found.DistinctBy(w => w.Item1).OrderBy(w => w.Item1, StringComparer.Ordinal).Take(count).ToArray();
    }

    private async Task ConnectAll(SimulatedWorker[] workers)
    {
        var connected = 0;
        var started = _clock.Elapsed;
        using var progress = new Timer(_ => output.WriteLine($"  connected {Volatile.Read(ref connected)}/{workers.Length}"), null, 1000, 1000);
        await Parallel.ForEachAsync(workers, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency }, async (w, _) =>
        {
            await w.Start(options, _clock);
            Interlocked.Increment(ref connected);
        });
        output.WriteLine($"all {workers.Length} workers logged in and connected in {(_clock.Elapsed - started).TotalSeconds:F1} s");
    }

    private async Task WaitForDelivery(SimulatedWorker[] workers)
    {
        var deadline = _clock.Elapsed + options.DeliveryTimeout;
        while (_clock.Elapsed < deadline)
        {
            var received = workers.Count(w => w.AckRoundTrip is not null);
            if (received == workers.Length)
            {
                return;
            }
            output.WriteLine($"  received and acknowledged {received}/{workers.Length}");
            await Task.Delay(500);
        }
        output.WriteLine($"timed out: {workers.Count(w => w.ReceivedAt is not null)}/{workers.Length} received");
    }
}
