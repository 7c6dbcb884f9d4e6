using System.Globalization;
using Dispatch.Contracts.Org;

namespace Dispatch.Silo.Grid.Demo;

/// <summary>
/// The named demo logins: "admin"; "dispatcher" and "leader" at the city; "dispatcher.tNN" and
/// "leader.tNN" for town NN. Everyone else logs in with their phone number (the gateway's rule).
/// </summary>
internal static class DemoLogins
{
    public static IReadOnlyList<DemoLogin> For(DemoUnitTree tree, IReadOnlyList<WorkerDefinition> workers)
    {
        var logins = new List<DemoLogin> { new("admin", null, IsAdmin: true) };
        logins.Add(new("dispatcher", First(workers, tree.City.Code, WorkerRole.Dispatcher), false));
        logins.Add(new("leader", First(workers, tree.City.Code, WorkerRole.Leader), false));
        for (var t = 0; t < tree.Towns.Count; t++)
        {
            var suffix = (t + 1).ToString("D2", CultureInfo.InvariantCulture);
            var town = tree.Towns[t].Unit.Code;
            logins.Add(new($"dispatcher.t{suffix}", First(workers, town, WorkerRole.Dispatcher), false));
            logins.Add(new($"leader.t{suffix}", First(workers, town, WorkerRole.Leader), false));
        }
        return logins;
    }

    private static string First(IReadOnlyList<WorkerDefinition> workers, string unitCode, WorkerRole role) =>
        workers.First(w => w.Assignments.Any(a => a.UnitCode == unitCode && a.Role == role)).Id;
}
