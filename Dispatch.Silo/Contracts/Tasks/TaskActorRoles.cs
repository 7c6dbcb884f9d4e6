namespace Dispatch.Contracts.Tasks;

/// <summary>
/// In which capacities an actor stands towards one task; a person may hold several (a town leader who is
/// also the assignee of a task handed to the town).
/// </summary>
[Flags]
public enum TaskActorRoles
{
    None = 0,
    /// <summary>调度员 (or an administrator) whose scope covers the task's place.</summary>
    Dispatcher = 1,
    /// <summary>镇街领导 whose scope covers the task's place.</summary>
    Leader = 2,
    /// <summary>The worker the task is handed to, or a member of the unit it is handed to.</summary>
    Assignee = 4,
    /// <summary>Deadlines and timeouts.</summary>
    System = 8,
}
