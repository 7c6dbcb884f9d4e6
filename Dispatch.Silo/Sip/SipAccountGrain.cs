using Dispatch.Contracts.Sip;

namespace Dispatch.Silo.Sip;

/// <summary>One SIP digest username → the worker and device credential it belongs to (see <see cref="ISipAccountGrain"/>).</summary>
public sealed class SipAccountGrain(
    [PersistentState("sip-account", StorageNames.Provider)] IPersistentState<SipAccountState> state)
    : Grain, ISipAccountGrain
{
    public Task<SipAccount?> Get() => Task.FromResult(state.State.Account);

    public async Task<bool> Claim(SipAccount account)
    {
        if (account.Device.Username != this.GetPrimaryKeyString())
        {
            throw new ArgumentException($"Username '{account.Device.Username}' does not match the grain key.");
        }
        if (state.State.Account is { } held && held.WorkerId != account.WorkerId)
        {
            return false;
        }
        if (state.State.Account != account)
        {
            state.State.Account = account;
            await state.WriteStateAsync();
        }
        return true;
    }

    public async Task Release(string workerId)
    {
        if (state.State.Account?.WorkerId == workerId)
        {
            state.State.Account = null;
            await state.WriteStateAsync();
        }
    }
}

[GenerateSerializer]
public sealed class SipAccountState
{
    [Id(0)] public SipAccount? Account { get; set; }
}
