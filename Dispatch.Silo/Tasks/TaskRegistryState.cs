using Dispatch.Contracts.Tasks;

namespace Dispatch.Silo.Tasks;

[GenerateSerializer]
public sealed class TaskRegistryState
{
    [Id(0)] public Dictionary<string, TaskSummary> Tasks { get; set; } = new(StringComparer.Ordinal);
}
