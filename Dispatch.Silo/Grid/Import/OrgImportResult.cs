namespace Dispatch.Silo.Grid.Import;

/// <summary>Either the snapshot to apply or every problem found, never both: an import with a fault changes nothing.</summary>
public sealed record OrgImportResult(OrgSnapshot? Snapshot, IReadOnlyList<ImportProblem> Problems)
{
    public bool Succeeded => Snapshot is not null;
}
