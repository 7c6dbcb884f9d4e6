using Dispatch.Silo.Grid;
using Dispatch.Silo.Grid.Demo;

namespace Dispatch.Silo.Tests.Grid.Demo;

/// <summary>One generated demo shared by the tests that only read it.</summary>
internal static class DemoSnapshot
{
    private static readonly Lazy<OrgSnapshot> Shared = new(DemoTreeGenerator.Generate);

    public static OrgSnapshot Value => Shared.Value;
}
