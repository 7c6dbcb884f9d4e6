using Dispatch.Contracts.Accounts;
using Dispatch.Contracts.Org;

namespace Dispatch.Gateway.Auth;

/// <summary>
/// Checks a login and works out the role and org scope from the person's assignments:
/// a dispatcher or leader acts within the units where that role is held (and everything below);
/// everyone else within the units they are assigned to.
/// </summary>
public sealed class LoginService(IGrainFactory grains, TokenIssuer issuer, VerifiedPasswords passwords)
{
    public async Task<IssuedToken?> Login(string login, string password)
    {
        var account = await grains.GetGrain<IAccountGrain>(Normalize(login)).Get();
        if (account is null || !passwords.Verify(password, account.PasswordHash))
        {
            return null;
        }
        if (account.IsAdmin)
        {
            return issuer.Issue(new Identity(account.LoginName, DispatchClaims.Admin, account.WorkerId, []));
        }
        var worker = account.WorkerId is null ? null : await grains.GetGrain<IWorkerGrain>(account.WorkerId).Get();
        if (worker is null)
        {
            return null;
        }
        return issuer.Issue(IdentityOf(account.LoginName, worker.Definition));
    }

    public static string Normalize(string login) => login.Trim().ToLowerInvariant();

    private static Identity IdentityOf(string login, WorkerDefinition worker)
    {
        string[] UnitsWith(WorkerRole role) =>
            worker.Assignments.Where(a => a.Role == role).Select(a => a.UnitCode).Distinct().ToArray();

        var dispatcherUnits = UnitsWith(WorkerRole.Dispatcher);
        if (dispatcherUnits.Length > 0)
        {
            return new Identity(login, DispatchClaims.Dispatcher, worker.Id, dispatcherUnits);
        }
        var leaderUnits = UnitsWith(WorkerRole.Leader);
        if (leaderUnits.Length > 0)
        {
            return new Identity(login, DispatchClaims.Leader, worker.Id, leaderUnits);
        }
        var units = worker.Assignments.Select(a => a.UnitCode).Distinct().ToArray();
        return new Identity(login, DispatchClaims.Worker, worker.Id, units);
    }
}
