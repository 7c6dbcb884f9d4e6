using Dispatch.Contracts.Org;
using Dispatch.Silo.Grid;
using Dispatch.Silo.Grid.Demo;

namespace Dispatch.Gateway.Tests.Support;

/// <summary>Facts about the (deterministic) demo county, read from the generator itself.</summary>
internal static class DemoFacts
{
    public static readonly OrgSnapshot Snapshot = DemoTreeGenerator.Generate();

    public static UnitDefinition Unit(string code) => Snapshot.Units.Single(u => u.Code == code);

    public static string TownCode(int n) => $"{DemoCounty.CityCode}-{n:D2}";

    public static IEnumerable<UnitDefinition> Below(string code, OrgLevel level) =>
        Snapshot.Units.Where(u => u.Level == level && u.Code.StartsWith(code + "-", StringComparison.Ordinal));

    /// <summary>A person whose only role is the given one, in a unit under the given code.</summary>
    public static WorkerDefinition WorkerUnder(string code, WorkerRole role) => Snapshot.Workers.First(w =>
        w.Assignments.Count == 1 && w.Assignments[0].Role == role && w.Assignments[0].UnitCode.StartsWith(code + "-", StringComparison.Ordinal));
}
