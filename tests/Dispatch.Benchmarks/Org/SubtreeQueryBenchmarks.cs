using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using IHost = Microsoft.Extensions.Hosting.IHost;
using Dispatch.Contracts.Org;
using Dispatch.Silo.Grid.Demo;
using Dispatch.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dispatch.Benchmarks.Org;

/// <summary>
/// "Every on-duty worker of role X under the largest town" on the single node (SQLite, demo county,
/// warm grains). One call per iteration, so the percentiles are those of single queries.
/// Baseline: the same query on one grid (five units), to read the town figure as a ratio.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(LatencyPercentilesConfig))]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 30, iterationCount: 300, invocationCount: 1)]
public class SubtreeQueryBenchmarks
{
    private IHost _host = null!;
    private IGrainFactory _grains = null!;
    private string _data = null!;
    private string _largestTown = null!;
    private string _grid = null!;

    private static readonly MemberQuery OnDutyGridWorkers = new([WorkerRole.FullTimeGridWorker, WorkerRole.PartTimeGridWorker], OnDuty: true);

    [GlobalSetup]
    public void Setup()
    {
        _data = Directory.CreateTempSubdirectory("dispatch-bench-").FullName;
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Dispatch:DataFolder"] = _data,
            ["Dispatch:DemoData"] = "true",
            ["Dispatch:SiloPort"] = FreePort().ToString(),
            ["Dispatch:GatewayPort"] = FreePort().ToString(),
        });
        builder.AddDispatchSilo();
        _host = builder.Build();
        _host.StartAsync().GetAwaiter().GetResult();
        var readiness = _host.Services.GetRequiredService<SiloReadiness>();
        while (!readiness.IsReady)
        {
            Thread.Sleep(100);
        }
        _grains = _host.Services.GetRequiredService<IGrainFactory>();

        var snapshot = DemoTreeGenerator.Generate();
        _largestTown = snapshot.Units.Where(u => u.Level == OrgLevel.Town)
            .OrderByDescending(t => snapshot.Workers.Count(w => w.Assignments.Any(a => a.UnitCode.StartsWith(t.Code + "-", StringComparison.Ordinal))))
            .First().Code;
        _grid = snapshot.Units.First(u => u.Level == OrgLevel.Grid && u.Code.StartsWith(_largestTown + "-", StringComparison.Ordinal)).Code;
        Console.WriteLine($"// largest town: {_largestTown}; baseline grid: {_grid}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _host.StopAsync().GetAwaiter().GetResult();
        _host.Dispose();
        Directory.Delete(_data, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "on-duty grid workers of one grid")]
    public Task<IReadOnlyList<UnitMember>> OneGrid() => _grains.GetGrain<IOrgUnitGrain>(_grid).FindMembers(OnDutyGridWorkers);

    [Benchmark(Description = "on-duty grid workers of the largest town")]
    public Task<IReadOnlyList<UnitMember>> LargestTown() => _grains.GetGrain<IOrgUnitGrain>(_largestTown).FindMembers(OnDutyGridWorkers);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
