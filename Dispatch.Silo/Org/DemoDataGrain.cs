using Dispatch.Contracts.Org;

namespace Dispatch.Silo.Org;

[GenerateSerializer]
public sealed class DemoDataState
{
    [Id(0)] public int LoadedVersion { get; set; }
}

public sealed class DemoDataGrain(
    [PersistentState("demo", StorageNames.Provider)] IPersistentState<DemoDataState> state)
    : Grain, IDemoDataGrain
{
    public Task<int> GetLoadedVersion() => Task.FromResult(state.State.LoadedVersion);

    public async Task SetLoadedVersion(int version)
    {
        state.State.LoadedVersion = version;
        await state.WriteStateAsync();
    }
}
