using Orleans.Concurrency;

namespace Dispatch.Contracts.Tasks;

/// <summary>Key 0: a summary of every task, for lists and statistics; each task keeps its own entry current.</summary>
public interface ITaskRegistryGrain : IGrainWithIntegerKey
{
    Task Upsert(TaskSummary summary);

    /// <summary>The tasks whose place lies in the unit's subtree or which are handed to a unit in it.</summary>
    [ReadOnly]
    Task<IReadOnlyList<TaskSummary>> Under(string unitCode);

    [ReadOnly]
    Task<IReadOnlyList<TaskSummary>> All();
}
