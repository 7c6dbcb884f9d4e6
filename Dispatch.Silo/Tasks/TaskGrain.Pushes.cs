using Dispatch.Contracts.Org;
using Dispatch.Contracts.Realtime;
using Dispatch.Contracts.Tasks;
using Microsoft.Extensions.Logging;

namespace Dispatch.Silo.Tasks;

/// <summary>
/// Assignment pushes: the named worker, or the unit's own chiefs and grid workers (grid level) or its
/// leaders and dispatchers (above), each get a task push through their inbox; the task is the sender and
/// an Accepted receipt accepts the task.
/// </summary>
public sealed partial class TaskGrain
{
    private static readonly WorkerRole[] GridHandlers = [WorkerRole.GridChief, WorkerRole.FullTimeGridWorker, WorkerRole.PartTimeGridWorker];
    private static readonly WorkerRole[] CommandHandlers = [WorkerRole.Leader, WorkerRole.Dispatcher];

    /// <summary>Set by a hand-over; the pushes are made up before the save and sent after it.</summary>
    private bool _pushPending;

    private List<PushMessage> _outbox = [];

    public async Task OnReceipt(PushReceipt receipt)
    {
        if (S.Receipts.Any(r => r.PushId == receipt.PushId && r.DeviceId == receipt.DeviceId && r.Kind == receipt.Kind))
        {
            return;
        }
        S.Receipts.Add(receipt);
        S.History.Add(new TaskHistoryEntry(receipt.At, receipt.Kind.ToString(), receipt.WorkerId, S.Stage, S.Stage,
            null, receipt.WorkerId, $"push {receipt.PushId} device {receipt.DeviceId}"));
        if (receipt.Kind == ReceiptKind.Accepted && S.Stage == TaskStage.Assignment && S.OpenPushIds.Contains(receipt.PushId))
        {
            var accepted = await Act(new TaskCommand(TaskAction.Accept, new TaskActor(receipt.WorkerId, receipt.WorkerId, TaskActorRoles.None), "accepted on a device"));
            if (accepted.Done)
            {
                return;
            }
            LogAcceptRefused(Id, receipt.WorkerId, accepted.Reason ?? "");
        }
        await state.WriteStateAsync();
    }

    private async Task PrepareAssignmentPushes(string byName, bool again = false)
    {
        if (!_pushPending)
        {
            return;
        }
        _pushPending = false;
        var recipients = await Recipients();
        var now = clock.GetUtcNow();
        var title = (again ? "【催办】" : "【任务】") + S.Created!.Title;
        var body = $"{Category.Name} · 期限 {S.Deadline:yyyy-MM-dd HH:mm} UTC\n{S.Created.Description}";
        var self = this.AsReference<ITaskGrain>();
        foreach (var workerId in recipients)
        {
            var push = new PushMessage(PushMessage.NewId(), workerId, PushKind.Task, title, body, now, byName, self);
            _outbox.Add(push);
            S.OpenPushIds.Add(push.Id);
        }
        S.History.Add(new TaskHistoryEntry(now, again ? "Repush" : "Push", byName, S.Stage, S.Stage, S.AssignedUnitCode, S.AssignedWorkerId,
            recipients.Count == 0 ? "no one to push to in the unit" : $"to {string.Join(", ", recipients)}"));
    }

    /// <summary>
    /// Hands the saved pushes to the inboxes without holding this grain's turn: an inbox that is at the same
    /// moment reporting a receipt to this task would otherwise wait for the task while the task waits for it.
    /// The push ids are saved first, the inbox ignores a push id it has, and a push lost here is pushed again
    /// by the accept-window check.
    /// </summary>
    private void SendOutbox()
    {
        var batch = _outbox;
        _outbox = [];
        if (batch.Count == 0)
        {
            return;
        }
        var inboxes = batch.Select(p => GrainFactory.GetGrain<IInboxGrain>(p.WorkerId).Push(p)).ToArray();
        Task.WhenAll(inboxes).ContinueWith(t => LogPushFailed(Id, t.Exception!.GetBaseException().Message),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Current);
    }

    private async Task<IReadOnlyList<string>> Recipients()
    {
        if (S.AssignedWorkerId is { } named)
        {
            return [named];
        }
        var members = await GrainFactory.GetGrain<IOrgUnitGrain>(S.AssignedUnitCode!).FindMembers(new MemberQuery());
        var own = members.Where(m => m.UnitCode == S.AssignedUnitCode).ToArray();
        var handlers = S.AssignedLevel is OrgLevel.Grid or OrgLevel.MicroGrid ? GridHandlers : CommandHandlers;
        var chosen = own.Where(m => handlers.Contains(m.Role)).ToArray();
        return (chosen.Length > 0 ? chosen : own).Select(m => m.WorkerId).Distinct().Order(StringComparer.Ordinal).ToArray();
    }

    [LoggerMessage(LogLevel.Warning, "Task {TaskId}: pushing the assignment failed, the accept-window check pushes again: {Reason}")]
    private partial void LogPushFailed(string taskId, string reason);

    [LoggerMessage(LogLevel.Information, "Task {TaskId}: the Accepted receipt of {WorkerId} did not accept the task: {Reason}")]
    private partial void LogAcceptRefused(string taskId, string workerId, string reason);
}
