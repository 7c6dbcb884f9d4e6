using Dispatch.Contracts.Tasks;

namespace Dispatch.Silo.Tasks;

/// <summary>
/// The summaries of all tasks in one grain: enough for a county (tens of thousands of tasks a year);
/// a province would shard it by town.
/// </summary>
public sealed class TaskRegistryGrain(
    [PersistentState("task-registry", StorageNames.Provider)] IPersistentState<TaskRegistryState> state)
    : Grain, ITaskRegistryGrain
{
    public async Task Upsert(TaskSummary summary)
    {
        if (state.State.Tasks.TryGetValue(summary.Id, out var known) && known == summary)
        {
            return;
        }
        state.State.Tasks[summary.Id] = summary;
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<TaskSummary>> Under(string unitCode) => Task.FromResult<IReadOnlyList<TaskSummary>>(
        state.State.Tasks.Values.Where(t => t.PlacePath.Contains(unitCode) || t.AssignedUnitCode == unitCode)
            .OrderBy(t => t.CreatedAt).ToArray());

    public Task<IReadOnlyList<TaskSummary>> All() =>
        Task.FromResult<IReadOnlyList<TaskSummary>>(state.State.Tasks.Values.OrderBy(t => t.CreatedAt).ToArray());
}
