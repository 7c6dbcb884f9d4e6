namespace Dispatch.Contracts.Tasks;

/// <summary>The outcome of a task command: the task as it is now, or the refusal and a reason naming the fault.</summary>
[GenerateSerializer, Immutable]
public sealed record TaskResult(
    [property: Id(0)] TaskRefusal Refusal,
    [property: Id(1)] string? Reason,
    [property: Id(2)] TaskView? Task)
{
    public bool Done => Refusal == TaskRefusal.None;

    public static TaskResult Ok(TaskView task) => new(TaskRefusal.None, null, task);

    public static TaskResult Refused(TaskRefusal refusal, string reason, TaskView? task = null) => new(refusal, reason, task);
}
