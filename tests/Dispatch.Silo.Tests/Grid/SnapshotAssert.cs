using Dispatch.Contracts.Org;
using Dispatch.Silo.Grid;

namespace Dispatch.Silo.Tests.Grid;

/// <summary>
/// Compares the units and workers of two snapshots by value (the records hold lists, whose
/// equality is by reference).
/// </summary>
internal static class SnapshotAssert
{
    public static void Equal(OrgSnapshot expected, OrgSnapshot actual)
    {
        Assert.Equal(expected.Units.Count, actual.Units.Count);
        for (var i = 0; i < expected.Units.Count; i++)
        {
            Assert.Equal(Flatten(expected.Units[i]), Flatten(actual.Units[i]));
        }
        Assert.Equal(expected.Workers.Count, actual.Workers.Count);
        for (var i = 0; i < expected.Workers.Count; i++)
        {
            Assert.Equal(Flatten(expected.Workers[i]), Flatten(actual.Workers[i]));
        }
    }

    public static string Flatten(UnitDefinition unit) =>
        $"{unit.Code}|{unit.Name}|{unit.Level}|{unit.ParentCode}|{unit.ServiceStationAddress}|{unit.QrToken}|" +
        (unit.Boundary is null ? "-" : string.Join(";", unit.Boundary.Ring.Select(p => $"{p.Longitude:R},{p.Latitude:R}")));

    public static string Flatten(WorkerDefinition worker) =>
        $"{worker.Id}|{worker.Name}|{worker.Phone}|{worker.OnDuty}|" +
        string.Join(";", worker.Assignments.Select(a => $"{a.UnitCode}:{a.Role}"));
}
