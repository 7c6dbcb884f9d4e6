using System.Security.Claims;

namespace Dispatch.Gateway.Auth;

/// <summary>The claims a Dispatch token carries and how to read them back.</summary>
public static class DispatchClaims
{
    public const string Login = "sub";
    public const string WorkerId = "wid";
    public const string Role = "role";
    /// <summary>One claim per unit code at the root of the holder's scope.</summary>
    public const string Scope = "scope_unit";

    public const string Admin = "admin";
    public const string Dispatcher = "dispatcher";
    public const string Leader = "leader";
    public const string Worker = "worker";

    public static string? WorkerIdOf(this ClaimsPrincipal user) => user.FindFirst(WorkerId)?.Value;

    public static string RoleOf(this ClaimsPrincipal user) => user.FindFirst(Role)?.Value ?? Worker;

    public static IReadOnlyList<string> ScopeOf(this ClaimsPrincipal user) =>
        user.FindAll(Scope).Select(c => c.Value).ToArray();

    public static bool IsAdmin(this ClaimsPrincipal user) => user.RoleOf() == Admin;

    /// <summary>Dispatchers and admins change the tree; leaders and workers read it.</summary>
    public static bool MayManage(this ClaimsPrincipal user) => user.RoleOf() is Admin or Dispatcher;
}
