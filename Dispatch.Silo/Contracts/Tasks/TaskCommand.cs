using Dispatch.Contracts.Org;

namespace Dispatch.Contracts.Tasks;

/// <summary>
/// One action on a task. <paramref name="UnitCode"/> and <paramref name="WorkerId"/> are the target of
/// Assign and Reassign; <paramref name="Satisfaction"/> (1-5) goes with Rate.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TaskCommand(
    [property: Id(0)] TaskAction Action,
    [property: Id(1)] TaskActor Actor,
    [property: Id(2)] string? Note = null,
    [property: Id(3)] string? UnitCode = null,
    [property: Id(4)] string? WorkerId = null,
    [property: Id(5)] int? Satisfaction = null);
