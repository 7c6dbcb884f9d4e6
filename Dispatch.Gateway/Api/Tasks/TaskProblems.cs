using Dispatch.Contracts.Tasks;
using Dispatch.Gateway.Problems;

namespace Dispatch.Gateway.Api.Tasks;

/// <summary>Turns a task grain's refusal into the RFC 9457 problem that names it.</summary>
internal static class TaskProblems
{
    public static IResult Of(TaskResult result, string taskId) => result.Refusal switch
    {
        TaskRefusal.UnknownTask => ProblemResults.NotFound("Task", taskId),
        TaskRefusal.NotPermitted => Results.Problem(statusCode: 403, title: "Not your transition", detail: result.Reason,
            extensions: Stage(result)),
        TaskRefusal.WrongStage => Results.Problem(statusCode: 409, title: "Transition not allowed in this stage", detail: result.Reason,
            extensions: Stage(result)),
        TaskRefusal.NoLevelAbove => Results.Problem(statusCode: 409, title: "No level above", detail: result.Reason, extensions: Stage(result)),
        TaskRefusal.AlreadyExists => Results.Problem(statusCode: 409, title: "Task exists", detail: result.Reason),
        _ => ProblemResults.Invalid(result.Reason ?? "The command was refused."),
    };

    private static Dictionary<string, object?> Stage(TaskResult result) =>
        new() { ["stage"] = result.Task is { } t ? TaskNames.Of(t.Stage) : null };
}
