using BenchmarkDotNet.Attributes;
using Dispatch.Silo.Grid;
using Dispatch.Silo.Grid.Demo;

namespace Dispatch.Benchmarks.Org;

/// <summary>Generating the demo county (first start) against exporting it to the import format.</summary>
[MemoryDiagnoser]
public class DemoGenerationBenchmarks
{
    private readonly OrgSnapshot _snapshot = DemoTreeGenerator.Generate();

    [Benchmark(Baseline = true)]
    public OrgSnapshot Generate() => DemoTreeGenerator.Generate();

    [Benchmark]
    public long Export()
    {
        using var units = new MemoryStream();
        using var boundaries = new MemoryStream();
        using var workers = new MemoryStream();
        Dispatch.Silo.Grid.Import.OrgExporter.Write(_snapshot, units, boundaries, workers);
        return units.Length + boundaries.Length + workers.Length;
    }
}
