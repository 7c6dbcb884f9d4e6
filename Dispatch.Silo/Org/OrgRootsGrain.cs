using Dispatch.Contracts.Org;

namespace Dispatch.Silo.Org;

[GenerateSerializer]
public sealed class OrgRootsState
{
    [Id(0)] public SortedSet<string> Roots { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>Where tree-wide questions (which grid holds this point?) start.</summary>
public sealed class OrgRootsGrain(
    [PersistentState("roots", StorageNames.Provider)] IPersistentState<OrgRootsState> state)
    : Grain, IOrgRootsGrain
{
    public Task<IReadOnlyList<string>> GetRoots() => Task.FromResult<IReadOnlyList<string>>(state.State.Roots.ToArray());

    public async Task AddRoot(string code)
    {
        if (state.State.Roots.Add(code))
        {
            await state.WriteStateAsync();
        }
    }

    public async Task RemoveRoot(string code)
    {
        if (state.State.Roots.Remove(code))
        {
            await state.WriteStateAsync();
        }
    }
}
