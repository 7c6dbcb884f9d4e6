using Dispatch.Contracts.Tasks;

namespace Dispatch.Silo.Tasks;

/// <summary>
/// The closed loop as an explicit table (DOMAIN.md, 闭环管理). Anything not listed is refused.
/// <code>
///  Collection --Verify--> Discovery --Assign--> Assignment --Accept--> Handling --Resolve--> Feedback
///      |Dismiss                    Reassign,Reject,Escalate ↺   Escalate → Assignment ↑     |Rate
///      v                                                    ^--------Return----------- Supervision --Close--> Closed
///   Closed
/// </code>
/// </summary>
public static class TaskTransitions
{
    private const TaskActorRoles Command = TaskActorRoles.Dispatcher | TaskActorRoles.Leader;

    public static IReadOnlyList<TaskTransition> Table { get; } =
    [
        new(TaskStage.Collection, TaskAction.Verify, Command, TaskStage.Discovery),
        new(TaskStage.Collection, TaskAction.Dismiss, Command, TaskStage.Closed),
        new(TaskStage.Discovery, TaskAction.Assign, Command, TaskStage.Assignment),
        new(TaskStage.Discovery, TaskAction.Dismiss, Command, TaskStage.Closed),
        new(TaskStage.Assignment, TaskAction.Reassign, Command, TaskStage.Assignment),
        new(TaskStage.Assignment, TaskAction.Accept, TaskActorRoles.Assignee, TaskStage.Handling),
        new(TaskStage.Assignment, TaskAction.Reject, TaskActorRoles.Assignee, TaskStage.Assignment),
        new(TaskStage.Assignment, TaskAction.Escalate, Command | TaskActorRoles.System, TaskStage.Assignment),
        new(TaskStage.Handling, TaskAction.Escalate, Command | TaskActorRoles.Assignee | TaskActorRoles.System, TaskStage.Assignment),
        new(TaskStage.Handling, TaskAction.Resolve, TaskActorRoles.Assignee, TaskStage.Feedback),
        new(TaskStage.Feedback, TaskAction.Rate, Command, TaskStage.Supervision),
        new(TaskStage.Supervision, TaskAction.Return, Command, TaskStage.Handling),
        new(TaskStage.Supervision, TaskAction.Close, Command, TaskStage.Closed),
    ];

    /// <summary>The row for this stage and action, or null when the action is never allowed in the stage.</summary>
    public static TaskTransition? Find(TaskStage from, TaskAction action) =>
        Table.FirstOrDefault(t => t.From == from && t.Action == action);

    /// <summary>The refusal and its reason, or (None, null) when the actor may do the action now.</summary>
    public static (TaskRefusal Refusal, string? Reason) Check(TaskStage from, TaskAction action, TaskActorRoles roles)
    {
        var row = Find(from, action);
        if (row is null)
        {
            var allowed = Table.Where(t => t.From == from).Select(t => t.Action.ToString()).ToArray();
            return (TaskRefusal.WrongStage, $"'{action}' is not allowed in stage '{from}'" +
                (allowed.Length == 0 ? "; the task is closed." : $"; allowed now: {string.Join(", ", allowed)}."));
        }
        if ((row.By & roles) == TaskActorRoles.None)
        {
            return (TaskRefusal.NotPermitted, $"'{action}' in stage '{from}' is for {row.By}; you act as {roles}.");
        }
        return (TaskRefusal.None, null);
    }
}
