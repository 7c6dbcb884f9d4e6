using Dispatch.Contracts.Accounts;

namespace Dispatch.Silo.Accounts;

/// <summary>One login. Verification happens at the edge; the grain only keeps the record.</summary>
public sealed class AccountGrain(
    [PersistentState("account", StorageNames.Provider)] IPersistentState<AccountState> state)
    : Grain, IAccountGrain
{
    public Task<AccountRecord?> Get() => Task.FromResult(state.State.Account);

    public async Task Set(AccountRecord account)
    {
        if (!string.Equals(account.LoginName, this.GetPrimaryKeyString(), StringComparison.Ordinal))
        {
            throw new ArgumentException($"Login '{account.LoginName}' does not match the grain key.");
        }
        if (state.State.Account == account)
        {
            return;
        }
        state.State.Account = account;
        await state.WriteStateAsync();
    }
}
