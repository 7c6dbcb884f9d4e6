using Dispatch.Contracts.Tasks;

namespace Dispatch.Silo.Tests.Tasks;

/// <summary>Makes a fresh task and drives it along the happy path to the stage a test needs.</summary>
internal static class TaskDriver
{
    public static async Task<ITaskGrain> At(IGrainFactory grains, TaskTree tree, TaskStage stage, string category = "fire_lane")
    {
        var task = grains.GetGrain<ITaskGrain>("task-" + Guid.NewGuid().ToString("N"));
        Expect(await task.Create(tree.Report(category)));
        TaskCommand[] path =
        [
            new(TaskAction.Verify, tree.DispatcherActor),
            new(TaskAction.Assign, tree.DispatcherActor, UnitCode: tree.Grid1),
            new(TaskAction.Accept, tree.Worker1Actor),
            new(TaskAction.Resolve, tree.Worker1Actor, "已清理"),
            new(TaskAction.Rate, tree.DispatcherActor, Satisfaction: 5),
            new(TaskAction.Close, tree.DispatcherActor),
        ];
        foreach (var command in path.Take((int)stage))
        {
            Expect(await task.Act(command));
        }
        return task;
    }

    public static TaskView Expect(TaskResult result) =>
        result.Done ? result.Task! : throw new InvalidOperationException($"Driving the task failed: {result.Refusal} {result.Reason}");
}
