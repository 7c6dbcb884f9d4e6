namespace Dispatch.Silo.Grid.Demo;

/// <summary>
/// The demo county (see <see cref="DemoCounty"/> for its shape). Deterministic: one seeded
/// <see cref="Random"/> drives every choice in a fixed order, and nothing depends on culture or
/// hash codes, so every run on every machine yields the same snapshot.
/// </summary>
public static class DemoTreeGenerator
{
    public static OrgSnapshot Generate()
    {
        var random = new Random(DemoCounty.Seed);
        var tree = DemoUnitTree.Build(random);
        var workers = DemoWorkforce.Staff(tree, random).Workers;
        return new OrgSnapshot(tree.Units, workers, DemoLogins.For(tree, workers), DemoSipDevices.For(workers));
    }
}
