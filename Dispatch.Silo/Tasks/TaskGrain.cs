using Dispatch.Contracts.Org;
using Dispatch.Contracts.Realtime;
using Dispatch.Contracts.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dispatch.Silo.Tasks;

/// <summary>
/// One task through the closed loop. A command is checked against <see cref="TaskTransitions"/> and its
/// arguments before anything changes; the change and its history line are saved before anyone hears of
/// it (registry, pushes, reminder). Deadlines are durable reminders (see TaskGrain.Deadlines.cs).
/// </summary>
public sealed partial class TaskGrain(
    [PersistentState("task", StorageNames.Provider)] IPersistentState<TaskState> state,
    IOptions<TaskOptions> options,
    TimeProvider clock,
    ILogger<TaskGrain> logger)
    : Grain, ITaskGrain, IRemindable
{
    private TaskState S => state.State;

    private string Id => this.GetPrimaryKeyString();

    private TaskOptions Options => options.Value;

    public async Task<TaskResult> Create(NewTask task)
    {
        if (S.Created is not null)
        {
            return TaskResult.Refused(TaskRefusal.AlreadyExists, $"Task '{Id}' exists already.", View());
        }
        if (!Options.Categories.ContainsKey(task.CategoryCode))
        {
            return TaskResult.Refused(TaskRefusal.InvalidArgument,
                $"Unknown category '{task.CategoryCode}'; known: {string.Join(", ", Options.Categories.Keys.Order(StringComparer.Ordinal))}.");
        }
        var path = await TaskPlacement.GridPath(GrainFactory, task.Place);
        if (path.Count == 0)
        {
            return TaskResult.Refused(TaskRefusal.InvalidArgument,
                $"The place ({task.Place.Longitude}, {task.Place.Latitude}) lies in no grid's boundary.");
        }
        var now = clock.GetUtcNow();
        S.Created = task;
        S.CreatedAt = now;
        S.PlacePath = [.. path];
        S.Stage = TaskStage.Collection;
        S.History.Add(new TaskHistoryEntry(now, "Create", task.Reporter.Name, TaskStage.Collection, TaskStage.Collection, path[^1], task.Reporter.WorkerId, task.Source.ToString()));
        await Save();
        return TaskResult.Ok(View()!);
    }

    public async Task<TaskResult> Act(TaskCommand command)
    {
        if (S.Created is null)
        {
            return TaskResult.Refused(TaskRefusal.UnknownTask, $"No task with id '{Id}' exists.");
        }
        var roles = command.Actor.Roles | await AssigneeRole(command.Actor);
        var (refusal, reason) = TaskTransitions.Check(S.Stage, command.Action, roles);
        if (refusal != TaskRefusal.None)
        {
            return TaskResult.Refused(refusal, reason!, View());
        }
        var result = command.Action switch
        {
            TaskAction.Assign or TaskAction.Reassign => await Assign(command),
            TaskAction.Reject or TaskAction.Escalate => await EscalateOneLevel(command),
            TaskAction.Accept => Accept(command),
            TaskAction.Resolve => Resolve(command),
            TaskAction.Rate => Rate(command),
            TaskAction.Return => Rework(command),
            _ => Move(command, TaskTransitions.Find(S.Stage, command.Action)!.To),
        };
        if (!result.Done)
        {
            _pushPending = false;
            return result;
        }
        await PrepareAssignmentPushes(command.Actor.Name);
        await Save();
        SendOutbox();
        return TaskResult.Ok(View()!);
    }

    public async Task<TaskResult> AddAttachment(TaskAttachment attachment)
    {
        if (S.Created is null)
        {
            return TaskResult.Refused(TaskRefusal.UnknownTask, $"No task with id '{Id}' exists.");
        }
        if (S.Stage == TaskStage.Closed)
        {
            return TaskResult.Refused(TaskRefusal.WrongStage, "The task is closed; nothing can be attached.", View());
        }
        if (S.Attachments.All(a => a.Id != attachment.Id))
        {
            S.Attachments.Add(attachment);
            S.History.Add(new TaskHistoryEntry(attachment.At, "Attach", attachment.ByName, S.Stage, S.Stage, null, null, attachment.FileName));
            await Save();
        }
        return TaskResult.Ok(View()!);
    }

    public Task<TaskView?> Get() => Task.FromResult(View());

    private TaskResult Move(TaskCommand command, TaskStage to, string? unitCode = null, string? workerId = null)
    {
        S.History.Add(new TaskHistoryEntry(clock.GetUtcNow(), command.Action.ToString(), command.Actor.Name, S.Stage, to,
            unitCode, workerId, command.Note));
        S.Stage = to;
        if (to is not (TaskStage.Assignment or TaskStage.Handling))
        {
            S.Deadline = null;
        }
        if (to != TaskStage.Assignment)
        {
            S.OpenPushIds.Clear();
        }
        return TaskResult.Ok(View()!);
    }

    private async Task<TaskResult> Assign(TaskCommand command)
    {
        var unitCode = command.UnitCode ?? S.PlacePath[^1];
        var unit = await GrainFactory.GetGrain<IOrgUnitGrain>(unitCode).Get();
        if (unit is null)
        {
            return TaskResult.Refused(TaskRefusal.InvalidArgument, $"Unit '{unitCode}' does not exist.", View());
        }
        var onPath = S.PlacePath.Contains(unitCode) || unit.Path.Contains(S.PlacePath[^1]);
        if (!onPath)
        {
            return TaskResult.Refused(TaskRefusal.InvalidArgument,
                $"Unit '{unitCode}' is neither the task's grid '{S.PlacePath[^1]}', a unit above it, nor a unit inside it.", View());
        }
        if (command.WorkerId is { } workerId)
        {
            var worker = await GrainFactory.GetGrain<IWorkerGrain>(workerId).Get();
            if (worker is null || worker.Definition.Assignments.All(a => a.UnitCode != unitCode))
            {
                return TaskResult.Refused(TaskRefusal.InvalidArgument, $"Worker '{workerId}' does not exist or holds no role in unit '{unitCode}'.", View());
            }
        }
        HandTo(unitCode, unit.Definition.Level, command.WorkerId);
        return Move(command, TaskStage.Assignment, unitCode, command.WorkerId);
    }

    private async Task<TaskResult> EscalateOneLevel(TaskCommand command)
    {
        var current = await GrainFactory.GetGrain<IOrgUnitGrain>(S.AssignedUnitCode!).Get();
        var parentCode = current?.Definition.ParentCode;
        var parent = parentCode is null ? null : await GrainFactory.GetGrain<IOrgUnitGrain>(parentCode).Get();
        if (parent is null)
        {
            return TaskResult.Refused(TaskRefusal.NoLevelAbove, $"The task is handled by '{S.AssignedUnitCode}', which has no level above.", View());
        }
        HandTo(parent.Definition.Code, parent.Definition.Level, workerId: null);
        return Move(command, TaskStage.Assignment, parent.Definition.Code);
    }

    private void HandTo(string unitCode, OrgLevel level, string? workerId)
    {
        var now = clock.GetUtcNow();
        S.AssignedUnitCode = unitCode;
        S.AssignedLevel = level;
        S.AssignedWorkerId = workerId;
        S.AssignedAt = now;
        S.Repushed = false;
        S.Deadline = now + Category.DeadlineAt(level);
        S.OpenPushIds = [];
        _pushPending = true;
    }

    private TaskResult Accept(TaskCommand command)
    {
        S.AssignedWorkerId ??= command.Actor.WorkerId;
        return Move(command, TaskStage.Handling, S.AssignedUnitCode, S.AssignedWorkerId);
    }

    private TaskResult Resolve(TaskCommand command)
    {
        var now = clock.GetUtcNow();
        S.ResolvedLevel = S.AssignedLevel;
        S.ResolvedAt = now;
        S.ResolvedOnTime = !S.MissedDeadline && S.Deadline is { } deadline && now <= deadline;
        return Move(command, TaskStage.Feedback, S.AssignedUnitCode, S.AssignedWorkerId);
    }

    private TaskResult Rate(TaskCommand command)
    {
        if (command.Satisfaction is not (>= 1 and <= 5))
        {
            return TaskResult.Refused(TaskRefusal.InvalidArgument, $"Rate needs a satisfaction from 1 to 5, not '{command.Satisfaction?.ToString() ?? "none"}'.", View());
        }
        S.Satisfaction = command.Satisfaction;
        return Move(command with { Note = $"{command.Satisfaction}/5 {command.Note}".Trim() }, TaskStage.Supervision);
    }

    /// <summary>Rework starts the level's deadline again; the earlier result and rating no longer count.</summary>
    private TaskResult Rework(TaskCommand command)
    {
        S.ResolvedLevel = null;
        S.ResolvedAt = null;
        S.ResolvedOnTime = null;
        S.Satisfaction = null;
        S.Deadline = clock.GetUtcNow() + Category.DeadlineAt(S.AssignedLevel ?? OrgLevel.Grid);
        return Move(command, TaskStage.Handling, S.AssignedUnitCode, S.AssignedWorkerId);
    }

    /// <summary>The actor is the assignee when named, or, for a task handed to a unit, when they hold a role in it.</summary>
    private async Task<TaskActorRoles> AssigneeRole(TaskActor actor)
    {
        if (actor.WorkerId is null || S.AssignedUnitCode is null)
        {
            return TaskActorRoles.None;
        }
        if (S.AssignedWorkerId is not null)
        {
            return S.AssignedWorkerId == actor.WorkerId ? TaskActorRoles.Assignee : TaskActorRoles.None;
        }
        var worker = await GrainFactory.GetGrain<IWorkerGrain>(actor.WorkerId).Get();
        return worker?.Definition.Assignments.Any(a => a.UnitCode == S.AssignedUnitCode) == true
            ? TaskActorRoles.Assignee
            : TaskActorRoles.None;
    }

    private TaskCategoryOptions Category => Options.Categories.TryGetValue(S.Created!.CategoryCode, out var c) ? c : new TaskCategoryOptions();

    private async Task Save()
    {
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<ITaskRegistryGrain>(0).Upsert(TaskSummary.Of(View()!));
        await ScheduleNextCheck();
    }

    private TaskView? View() => S.Created is not { } c ? null : new TaskView(
        Id, c.Source, c.CategoryCode, c.Title, c.Description, c.Place, S.PlacePath.ToArray(), S.Stage,
        S.AssignedUnitCode, S.AssignedLevel, S.AssignedWorkerId, S.CreatedAt, S.Deadline, S.ResolvedLevel, S.ResolvedAt,
        S.ResolvedOnTime, S.Satisfaction, S.Attachments.ToArray(), S.History.ToArray(), c.Reporter.Name, S.OpenPushIds.ToArray());
}
