using Dispatch.Contracts.Realtime;

namespace Dispatch.Silo.Realtime;

/// <summary>The sender of a push made through the REST API: it keeps the receipts for whoever asks.</summary>
public sealed class PushTrackerGrain(
    [PersistentState("push", StorageNames.Provider)] IPersistentState<PushTrackerState> state)
    : Grain, IPushTrackerGrain
{
    private PushTrackerState S => state.State;

    public async Task Open(PushMessage push)
    {
        if (push.Id != this.GetPrimaryKeyString())
        {
            throw new ArgumentException($"Push id '{push.Id}' does not match the grain key '{this.GetPrimaryKeyString()}'.");
        }
        if (S.Push is null)
        {
            S.Push = push;
            await state.WriteStateAsync();
        }
    }

    public async Task OnReceipt(PushReceipt receipt)
    {
        if (S.Receipts.Any(r => r.DeviceId == receipt.DeviceId && r.Kind == receipt.Kind))
        {
            return;
        }
        S.Receipts.Add(receipt);
        await state.WriteStateAsync();
    }

    public Task<PushTrack?> Get() => Task.FromResult(S.Push is null ? null : new PushTrack(S.Push, S.Receipts.ToArray()));
}
