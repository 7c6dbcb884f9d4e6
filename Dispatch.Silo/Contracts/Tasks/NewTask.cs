using Dispatch.Contracts.Org;

namespace Dispatch.Contracts.Tasks;

/// <summary>What creating a task needs; the grain places the point into its grid.</summary>
[GenerateSerializer, Immutable]
public sealed record NewTask(
    [property: Id(0)] TaskSource Source,
    [property: Id(1)] string CategoryCode,
    [property: Id(2)] string Title,
    [property: Id(3)] string Description,
    [property: Id(4)] GeoPoint Place,
    [property: Id(5)] TaskActor Reporter);
