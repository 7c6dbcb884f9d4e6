namespace Dispatch.Contracts.Accounts;

/// <summary>One login, keyed by the login name (lower case).</summary>
public interface IAccountGrain : IGrainWithStringKey
{
    Task<AccountRecord?> Get();

    Task Set(AccountRecord account);
}
