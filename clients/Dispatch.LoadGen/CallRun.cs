using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Dispatch.Client;

namespace Dispatch.LoadGen;

/// <summary>
/// <c>--mode call</c>: connect N workers ─► K of them place calls to the others, round robin, at R set-ups per
/// second (a real aiortc offer each; its leg never connects) ─► the callee's device declines as soon as it rings ─►
/// report click-to-ring (StartCall sent ─► the callee's <c>callRinging</c> event, on one clock since both ends live
/// in this process) and StartCall's round trip, as percentiles. Every device stays online meanwhile, so the rings
/// travel the same edge as pushes to a fully connected county.
/// </summary>
internal sealed class CallRun(LoadOptions options, TextWriter output)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentDictionary<string, TimeSpan> _rungAt = new(StringComparer.Ordinal);

    public async Task<int> Execute()
    {
        var offer = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "call-offer.sdp"));
        await using var dispatcher = new DispatchClient(new DispatchClientOptions { Server = options.Server });
        await dispatcher.LoginAsync(options.Dispatcher, options.Password);
        var targets = await LoadRun.Workers(dispatcher.Http, options.Workers);
        output.WriteLine($"{targets.Count} workers to simulate; {options.Callers} of them call the others, {options.Calls} calls at {options.CallRate}/s");
        var workers = targets.Select(t => new SimulatedWorker(t.Id, t.Phone, "call run")).ToArray();
        try
        {
            var started = _clock.Elapsed;
            var connected = 0;
            using (new Timer(_ => output.WriteLine($"  connected {Volatile.Read(ref connected)}/{workers.Length}"), null, 1000, 1000))
            {
                await Parallel.ForEachAsync(workers, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency }, async (w, _) =>
                {
                    await w.Start(options, _clock);
                    w.Client.CallRinging += call => OnRinging(w.Client, call);
                    Interlocked.Increment(ref connected);
                });
            }
            output.WriteLine($"all {workers.Length} workers logged in and connected in {(_clock.Elapsed - started).TotalSeconds:F1} s");

            // Dispatchers may call only inside their units; plain workers may call anyone, so they place the calls.
            var dispatchers = await Dispatchers(dispatcher.Http);
            var callers = workers.Where(w => !dispatchers.Contains(w.WorkerId)).Take(options.Callers).ToArray();
            var callees = workers.Except(callers).ToArray();
            var toRing = new ConcurrentBag<TimeSpan>();
            var roundTrips = new ConcurrentBag<TimeSpan>();
            var failures = new ConcurrentBag<string>();
            var busyCallers = new SemaphoreSlim[callers.Length].Select(_ => new SemaphoreSlim(1, 1)).ToArray();
            var interval = TimeSpan.FromSeconds(1.0 / options.CallRate);
            var first = _clock.Elapsed;
            var placed = new List<Task>();
            for (var i = 0; i < options.Calls; i++)
            {
                var due = first + interval * i;
                if (due > _clock.Elapsed)
                {
                    await Task.Delay(due - _clock.Elapsed);
                }
                var caller = i % callers.Length;
                var callee = callees[i % callees.Length];
                placed.Add(Place(callers[caller], busyCallers[caller], callee, offer, toRing, roundTrips, failures));
                if (i > 0 && i % (options.CallRate * 2) == 0)
                {
                    output.WriteLine($"  placed {i}/{options.Calls}, rung {toRing.Count}, failed {failures.Count}");
                }
            }
            await Task.WhenAll(placed);
            var achieved = options.Calls / (_clock.Elapsed - first).TotalSeconds;
            output.WriteLine();
            output.WriteLine($"{options.Calls} call set-ups, offered at {options.CallRate}/s, placed at {achieved:F1}/s, {workers.Length} workers online, load average {LoadAverage()}");
            output.WriteLine(Percentiles.Describe("click to ring (StartCall sent → callee's callRinging)", toRing.ToArray()));
            output.WriteLine(Percentiles.Describe("StartCall round trip (answer SDP back)", roundTrips.ToArray()));
            output.WriteLine($"failed set-ups: {failures.Count}");
            foreach (var reason in failures.GroupBy(f => f).OrderByDescending(g => g.Count()).Take(5))
            {
                output.WriteLine($"  {reason.Count()} × {reason.Key}");
            }
            return failures.IsEmpty && toRing.Count == options.Calls ? 0 : 1;
        }
        finally
        {
            await Task.WhenAll(workers.Select(w => w.DisposeAsync().AsTask()));
        }
    }

    /// <summary>One call: a caller has one call at a time (its line is busy while it rings), so calls from it queue.</summary>
    private async Task Place(SimulatedWorker caller, SemaphoreSlim line, SimulatedWorker callee, string offer,
        ConcurrentBag<TimeSpan> toRing, ConcurrentBag<TimeSpan> roundTrips, ConcurrentBag<string> failures)
    {
        await line.WaitAsync();
        try
        {
            var sent = _clock.Elapsed;
            CallStartResult result;
            try
            {
                result = await caller.Client.StartCallAsync(callee.WorkerId, offer);
            }
            catch (Exception e)
            {
                failures.Add(e.GetBaseException().Message);
                return;
            }
            roundTrips.Add(_clock.Elapsed - sent);
            var deadline = _clock.Elapsed + options.DeliveryTimeout;
            while (!_rungAt.ContainsKey(result.CallId) && _clock.Elapsed < deadline)
            {
                await Task.Delay(5);
            }
            if (_rungAt.TryRemove(result.CallId, out var rung))
            {
                toRing.Add(rung - sent);
            }
            else
            {
                failures.Add($"the callee never rang (call {result.Call.State}, {result.Call.Outcome}: {result.Call.Reason})");
                await caller.Client.HangUpAsync(result.CallId);
            }
            // The callee declines on the ring; wait until the caller's line is free again before its next call.
            for (var i = 0; i < 200 && (await caller.Client.GetCallAsync(result.CallId)).State != "ended"; i++)
            {
                await Task.Delay(10);
            }
        }
        finally
        {
            line.Release();
        }
    }

    private static async Task<HashSet<string>> Dispatchers(HttpClient http)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var root in (await http.GetFromJsonAsync<JsonElement>("/api/units")).EnumerateArray())
        {
            var list = await http.GetFromJsonAsync<JsonElement>($"/api/units/{root.GetProperty("code").GetString()}/workers");
            foreach (var worker in list.GetProperty("workers").EnumerateArray())
            {
                if (worker.GetProperty("assignments").EnumerateArray().Any(a => a.GetProperty("role").GetString() == "dispatcher"))
                {
                    ids.Add(worker.GetProperty("workerId").GetString()!);
                }
            }
        }
        return ids;
    }

    private void OnRinging(DispatchClient callee, CallInfo call)
    {
        _rungAt.TryAdd(call.CallId, _clock.Elapsed);
        _ = Task.Run(async () =>
        {
            try
            {
                await callee.DeclineCallAsync(call.CallId);
            }
            catch (Exception)
            {
                // Already ended (the caller hung up first): nothing to decline.
            }
        });
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
}
