namespace Dispatch.Contracts.Tasks;

/// <summary>Why a task command was refused; <see cref="None"/> means it was done.</summary>
public enum TaskRefusal
{
    None,
    /// <summary>No task with this id (REST 404).</summary>
    UnknownTask,
    /// <summary>The action is not allowed in the task's stage (REST 409).</summary>
    WrongStage,
    /// <summary>The action is allowed in this stage, but not to this actor (REST 403).</summary>
    NotPermitted,
    /// <summary>An argument is missing or wrong: unknown category, unit, worker, rating out of range (REST 400/422).</summary>
    InvalidArgument,
    /// <summary>The task is already at the city: there is no level above (REST 409).</summary>
    NoLevelAbove,
    /// <summary>A task with this id exists already (REST 409).</summary>
    AlreadyExists,
}
