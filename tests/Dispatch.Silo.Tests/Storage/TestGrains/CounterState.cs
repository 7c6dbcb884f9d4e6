namespace Dispatch.Silo.Tests.Storage.TestGrains;

[GenerateSerializer]
public sealed class CounterState
{
    [Id(0)] public int Count { get; set; }

    [Id(1)] public List<string> Notes { get; set; } = [];
}
