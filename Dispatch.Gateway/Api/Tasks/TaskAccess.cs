using System.Security.Claims;
using Dispatch.Contracts.Tasks;
using Dispatch.Gateway.Auth;

namespace Dispatch.Gateway.Api.Tasks;

/// <summary>
/// Who sees a task and in which capacity they act on it. A task belongs to the units on its place's path
/// (city … grid): a login sees it when a unit of its scope is on that path, so a grid worker sees only
/// the tasks placed in their own grid and a town leader every task placed in the town. Whether a worker
/// is the assignee the task grain works out itself.
/// </summary>
internal static class TaskAccess
{
    public static bool Sees(ClaimsPrincipal user, IReadOnlyList<string> placePath) =>
        user.IsAdmin() || user.ScopeOf().Any(placePath.Contains);

    public static TaskActor ActorOf(ClaimsPrincipal user)
    {
        var roles = user.RoleOf() switch
        {
            DispatchClaims.Admin or DispatchClaims.Dispatcher => TaskActorRoles.Dispatcher,
            DispatchClaims.Leader => TaskActorRoles.Leader,
            _ => TaskActorRoles.None,
        };
        return new TaskActor(user.Identity?.Name ?? "unknown", user.WorkerIdOf(), roles);
    }
}
