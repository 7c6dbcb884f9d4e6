using System.Diagnostics;
using Dispatch.Media.WebRtc.Dtls;
using Xunit.Abstractions;

namespace Dispatch.Media.Tests.WebRtc.Dtls;

/// <summary>The threading trade-off of docs/media-dtls.md, measured.</summary>
public sealed class DtlsHandshakeWorkersTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Forty_handshakes_complete_on_four_server_threads()
    {
        const int pairs = 40;
        using var serverWorkers = new DtlsHandshakeWorkers(4, "test-server");
        using var clientWorkers = new DtlsHandshakeWorkers(pairs, "test-client");
        var pipes = new List<DatagramPipe>();
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < pairs; i++)
        {
            var (server, client) = DtlsPair.Create(
                serverOptions: DtlsPair.Fast with { Workers = serverWorkers },
                clientOptions: DtlsPair.Fast with { Workers = clientWorkers });
            pipes.Add(new DatagramPipe(server, client));
            client.Start();
        }

        var deadline = DateTime.UtcNow + Patience;
        while (!pipes.All(p => p.EventsOfA.Count > 0 && p.EventsOfB.Count > 0) && DateTime.UtcNow < deadline)
        {
            var moved = false;
            foreach (var pipe in pipes)
            {
                moved |= pipe.Pump();
            }
            if (!moved)
            {
                await Task.Delay(1);
            }
        }
        var wall = Stopwatch.GetElapsedTime(started);

        var completed = pipes.Select(p => p.EventsOfA.OfType<DtlsHandshakeCompleted>().SingleOrDefault()).ToList();
        Assert.All(completed, Assert.NotNull);
        Assert.All(pipes, p => DtlsHandshakeTests.AssertSameKeys(
            p.EventsOfA.OfType<DtlsHandshakeCompleted>().Single().Keys,
            p.EventsOfB.OfType<DtlsHandshakeCompleted>().Single().Keys));
        Assert.True(serverWorkers.ThreadCount <= 4);
        Assert.True(serverWorkers.PeakBusy <= 4);
        var elapsed = completed.Select(c => c!.Elapsed.TotalMilliseconds).Order().ToList();
        output.WriteLine($"{pairs} handshakes on {serverWorkers.ThreadCount} server threads (peak busy {serverWorkers.PeakBusy}): " +
            $"wall {wall.TotalMilliseconds:0} ms, server-side elapsed median {elapsed[pairs / 2]:0} ms, max {elapsed[^1]:0} ms");
    }

    [Fact]
    public async Task Sequential_handshake_time_in_memory()
    {
        var samples = new List<double>();
        for (var i = 0; i < 12; i++)
        {
            var (server, client) = DtlsPair.Create();
            var pipe = new DatagramPipe(server, client);
            var started = Stopwatch.GetTimestamp();
            client.Start();
            await pipe.RunUntilSettledAsync(Patience);
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            Assert.IsType<DtlsHandshakeCompleted>(Assert.Single(pipe.EventsOfB));
        }

        var warm = samples.Skip(2).Order().ToList();
        output.WriteLine($"first {samples[0]:0} ms (JIT), then median {warm[warm.Count / 2]:0.0} ms, min {warm[0]:0.0} ms, max {warm[^1]:0.0} ms");
    }
}
