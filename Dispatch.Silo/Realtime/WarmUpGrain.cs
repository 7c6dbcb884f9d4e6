using Dispatch.Contracts.Realtime;

namespace Dispatch.Silo.Realtime;

/// <summary>A count of warm-ups and when the last one ran, saved through the same storage as every other grain.</summary>
public sealed class WarmUpGrain(
    [PersistentState("warm-up", StorageNames.Provider)] IPersistentState<WarmUpState> state)
    : Grain, IWarmUpGrain
{
    public async Task<long> Run(DateTimeOffset at)
    {
        state.State.Runs++;
        state.State.LastAt = at;
        await state.WriteStateAsync();
        return state.State.Runs;
    }
}

[GenerateSerializer]
public sealed class WarmUpState
{
    [Id(0)] public long Runs { get; set; }

    [Id(1)] public DateTimeOffset LastAt { get; set; }
}
