using Dispatch.Silo.Grid.Import;

namespace Dispatch.Silo.Tests.Grid.Import;

internal static class ImportAssert
{
    /// <summary>The import failed, produced no snapshot, and reported exactly these messages.</summary>
    public static void Fails(OrgImportResult result, params string[] messages)
    {
        Assert.Null(result.Snapshot);
        Assert.False(result.Succeeded);
        Assert.Equal(messages, result.Problems.Select(p => p.Message));
    }

    /// <summary>The import failed, and one problem's message starts with this text.</summary>
    public static ImportProblem FailsWith(OrgImportResult result, string messageStart)
    {
        Assert.Null(result.Snapshot);
        return Assert.Single(result.Problems, p => p.Message.StartsWith(messageStart, StringComparison.Ordinal));
    }
}
