using Dispatch.Contracts.Org;
using Dispatch.Contracts.Tasks;
using Microsoft.Extensions.Logging;

namespace Dispatch.Silo.Tasks;

/// <summary>
/// Deadlines as a durable Orleans reminder (stored with the grain state, so a restart keeps them; an overdue
/// reminder fires once the silo is back). While a task waits for acceptance: one accept window, then it is
/// pushed again; a second window, then it escalates. While it waits or is handled: the level's deadline,
/// then it escalates one level (the task no longer counts as on time).
/// </summary>
public sealed partial class TaskGrain
{
    private const string DeadlineReminder = "task-deadline";

    public async Task ReceiveReminder(string reminderName, Orleans.Runtime.TickStatus status)
    {
        if (reminderName != DeadlineReminder || S.Created is null)
        {
            return;
        }
        var now = clock.GetUtcNow();
        if (S.Stage is TaskStage.Assignment or TaskStage.Handling && S.Deadline is { } deadline && now >= deadline)
        {
            await EscalateBySystem($"办理超期 deadline {deadline:u} missed at {S.AssignedUnitCode}");
        }
        else if (S.Stage == TaskStage.Assignment && S.AssignedAt is { } at && !S.Repushed && now >= at + Options.AcceptWindow)
        {
            S.Repushed = true;
            _pushPending = true;
            await PrepareAssignmentPushes("system", again: true);
            await Save();
            SendOutbox();
        }
        else if (S.Stage == TaskStage.Assignment && S.AssignedAt is { } at2 && S.Repushed && now >= at2 + 2 * Options.AcceptWindow)
        {
            await EscalateBySystem($"接单超时 not accepted within {2 * Options.AcceptWindow} at {S.AssignedUnitCode}");
        }
        else
        {
            await ScheduleNextCheck();
        }
    }

    private async Task EscalateBySystem(string note)
    {
        S.MissedDeadline = true;
        var result = await Act(new TaskCommand(TaskAction.Escalate, TaskActor.System, note));
        if (result.Refusal == TaskRefusal.NoLevelAbove)
        {
            // At the top there is nowhere to go: the miss is recorded once and the checks stop.
            S.History.Add(new TaskHistoryEntry(clock.GetUtcNow(), "DeadlineMissed", TaskActor.System.Name, S.Stage, S.Stage, S.AssignedUnitCode, null, note));
            S.Deadline = null;
            S.AssignedAt = null;
            await Save();
        }
        else if (!result.Done)
        {
            LogEscalationRefused(Id, result.Reason ?? "");
            await state.WriteStateAsync();
        }
    }

    /// <summary>Registers the reminder for the next due check, or drops it when nothing is due.</summary>
    private async Task ScheduleNextCheck()
    {
        var next = NextCheck();
        if (next is null)
        {
            if (await this.GetReminder(DeadlineReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
            return;
        }
        var due = next.Value - clock.GetUtcNow();
        await this.RegisterOrUpdateReminder(DeadlineReminder, due < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : due, Options.CheckPeriod);
    }

    private DateTimeOffset? NextCheck()
    {
        if (S.Stage is not (TaskStage.Assignment or TaskStage.Handling) || S.Deadline is not { } deadline)
        {
            return null;
        }
        if (S.Stage == TaskStage.Assignment && S.AssignedAt is { } at)
        {
            var accept = at + (S.Repushed ? 2 : 1) * Options.AcceptWindow;
            return accept < deadline ? accept : deadline;
        }
        return deadline;
    }

    [LoggerMessage(LogLevel.Warning, "Task {TaskId}: the deadline escalation was refused: {Reason}")]
    private partial void LogEscalationRefused(string taskId, string reason);
}
