namespace Dispatch.Contracts.Tasks;

/// <summary>Who acts: the login name (for the history), the person behind it, and the capacities it holds.</summary>
[GenerateSerializer, Immutable]
public sealed record TaskActor(
    [property: Id(0)] string Name,
    [property: Id(1)] string? WorkerId,
    [property: Id(2)] TaskActorRoles Roles)
{
    public static TaskActor System { get; } = new("system", null, TaskActorRoles.System);
}
