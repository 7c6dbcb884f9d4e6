using Dispatch.Contracts.Tasks;

namespace Dispatch.Silo.Tasks;

/// <summary>One row of the transition table: in stage <paramref name="From"/>, <paramref name="By"/> may do <paramref name="Action"/>.</summary>
/// <param name="To">The stage after; Reject and Escalate stay in Assignment one level up.</param>
public sealed record TaskTransition(TaskStage From, TaskAction Action, TaskActorRoles By, TaskStage To);
