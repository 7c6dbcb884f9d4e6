using Dispatch.Contracts.Realtime;
using Orleans.Concurrency;

namespace Dispatch.Contracts.Tasks;

/// <summary>
/// One task (事件 / 工单), keyed by its id. Every change goes through the transition table; refused
/// commands change nothing. It is the sender of its assignment pushes and hears their receipts.
/// </summary>
public interface ITaskGrain : IPushSender
{
    Task<TaskResult> Create(NewTask task);

    Task<TaskResult> Act(TaskCommand command);

    Task<TaskResult> AddAttachment(TaskAttachment attachment);

    [ReadOnly]
    Task<TaskView?> Get();
}
