using Dispatch.Contracts.Org;

namespace Dispatch.Silo.Grid.Import;

/// <summary>
/// Reads and validates an import (docs/import-format.md) into a snapshot, or reports every problem.
/// <code>
///   units.csv ──► rows ──► tree rules (codes, parents, levels) ─┐
///   boundaries.geojson ──► features ──► match to units ─────────┼─► nesting and overlap ─┐
///   workers.csv ──► workers (units must exist) ─────────────────┴────────────────────────┴─► snapshot | problems
/// </code>
/// An import may be a part of a tree: parents, assigned units and redrawn units not in the files
/// are looked up in the existing tree through <c>existingUnit</c>; <c>existingChildren</c> lets
/// new or redrawn boundaries be checked against the existing siblings and children too.
/// </summary>
public static class OrgImporter
{
    /// <param name="existingUnit">A unit of the existing tree by code, or null; leave out for a whole new tree.</param>
    /// <param name="existingChildren">The direct children of a unit in the existing tree; leave out to skip those checks.</param>
    public static OrgImportResult Read(OrgImportSources sources, Func<string, UnitDefinition?>? existingUnit = null,
        Func<string, IEnumerable<UnitDefinition>>? existingChildren = null)
    {
        existingUnit ??= static _ => null;
        existingChildren ??= static _ => [];
        var problems = new List<ImportProblem>();
        if (sources is { Units: null, Boundaries: null, Workers: null })
        {
            problems.Add(new ImportProblem("", null, null, null,
                $"nothing to import: give {ImportFileNames.Units}, {ImportFileNames.Boundaries} or {ImportFileNames.Workers}"));
            return new OrgImportResult(null, problems);
        }

        var rows = Text(sources.Units, ImportFileNames.Units, problems) is { } unitsText ? UnitsCsv.Read(unitsText, problems) : [];
        UnitTreeRules.Check(rows, existingUnit, problems);
        var rowCodes = rows.Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
        bool UnitExists(string code) => rowCodes.Contains(code) || existingUnit(code) is not null;

        var features = Text(sources.Boundaries, ImportFileNames.Boundaries, problems) is { } geoJson
            ? BoundariesGeoJson.Read(geoJson, problems)
            : [];
        var featureByCode = BoundaryRules.MatchFeatures(features, UnitExists, problems);

        var units = Definitions(rows, featureByCode, existingUnit);
        var unitByCode = units.GroupBy(u => u.Code).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        BoundaryRules.CheckNesting(units, featureByCode, code => unitByCode.GetValueOrDefault(code) ?? existingUnit(code), existingChildren, problems);

        var workers = Text(sources.Workers, ImportFileNames.Workers, problems) is { } workersText
            ? WorkersCsv.Read(workersText, UnitExists, problems)
            : [];

        return problems.Count > 0
            ? new OrgImportResult(null, problems)
            : new OrgImportResult(new OrgSnapshot(ParentsFirst(units), workers, [], new Dictionary<string, IReadOnlyList<SipDeviceCredential>>()), []);
    }

    private static string? Text(Stream? stream, string file, List<ImportProblem> problems) =>
        stream is null ? null : ImportText.Read(stream, file, problems);

    /// <summary>
    /// The units of units.csv (a unit without a feature keeps its existing boundary, if any), then
    /// existing units that only get a new boundary.
    /// </summary>
    private static List<UnitDefinition> Definitions(IReadOnlyList<UnitRow> rows, IReadOnlyDictionary<string, BoundaryFeature> features,
        Func<string, UnitDefinition?> existingUnit)
    {
        var units = new List<UnitDefinition>();
        foreach (var row in rows.Where(r => r.Level is not null))
        {
            var boundary = features.GetValueOrDefault(row.Code)?.Boundary ?? existingUnit(row.Code)?.Boundary;
            units.Add(new UnitDefinition(row.Code, row.Name, row.Level!.Value, row.ParentCode, boundary, row.ServiceStationAddress, row.QrToken));
        }
        var inRows = rows.Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var feature in features.Values.Where(f => !inRows.Contains(f.Code)).OrderBy(f => f.Index))
        {
            units.Add(existingUnit(feature.Code)! with { Boundary = feature.Boundary });
        }
        return units;
    }

    /// <summary>File order, except that a unit whose parent comes later in the file moves after it.</summary>
    private static List<UnitDefinition> ParentsFirst(List<UnitDefinition> units)
    {
        var byCode = units.ToDictionary(u => u.Code, StringComparer.Ordinal);
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var ordered = new List<UnitDefinition>(units.Count);
        void Place(UnitDefinition unit)
        {
            if (!placed.Add(unit.Code))
            {
                return;
            }
            if (unit.ParentCode is not null && byCode.TryGetValue(unit.ParentCode, out var parent))
            {
                Place(parent);
            }
            ordered.Add(unit);
        }
        foreach (var unit in units)
        {
            Place(unit);
        }
        return ordered;
    }
}
