using Dispatch.Contracts.Accounts;

namespace Dispatch.Silo.Accounts;

[GenerateSerializer]
public sealed class AccountState
{
    [Id(0)] public AccountRecord? Account { get; set; }
}
