using Orleans.Runtime;

namespace Dispatch.Silo.Tests.Storage.TestGrains;

/// <summary>Keeps a count in the default storage provider and notes in the "dispatch" provider.</summary>
public sealed class CounterGrain(
    [PersistentState("counter")] IPersistentState<CounterState> counter,
    [PersistentState("notes", "dispatch")] IPersistentState<CounterState> notes) : Grain, ICounterGrain
{
    public async Task<int> Increment(string note)
    {
        counter.State.Count++;
        await counter.WriteStateAsync();
        notes.State.Notes.Add(note);
        await notes.WriteStateAsync();
        return counter.State.Count;
    }

    public Task<CounterState> Get() =>
        Task.FromResult(new CounterState { Count = counter.State.Count, Notes = [.. notes.State.Notes] });

    public Task<string> HostedOn() => Task.FromResult(RuntimeIdentity);

    public async Task Clear()
    {
        await counter.ClearStateAsync();
        await notes.ClearStateAsync();
    }
}
