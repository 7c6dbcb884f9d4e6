using Dispatch.Contracts.Org;
using Dispatch.Silo.Grid.GeoIndex;
using NetTopologySuite.Geometries;

namespace Dispatch.Silo.Grid.Import;

/// <summary>
/// The features of boundaries.geojson against the units: each names a unit of this import or of
/// the existing tree, once; a child's boundary lies within its parent's; siblings do not overlap.
/// Only pairs where at least one boundary comes from this import are checked: the existing tree
/// was checked when it was imported.
/// </summary>
internal static class BoundaryRules
{
    private const string File = ImportFileNames.Boundaries;

    /// <returns>The valid feature of each unit code.</returns>
    public static Dictionary<string, BoundaryFeature> MatchFeatures(
        IReadOnlyList<BoundaryFeature> features, Func<string, bool> unitExists, ICollection<ImportProblem> problems)
    {
        var byCode = new Dictionary<string, BoundaryFeature>(StringComparer.Ordinal);
        var firstIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var feature in features)
        {
            var where = $"{File} feature {feature.Index} (code {feature.Code})";
            if (!firstIndex.TryAdd(feature.Code, feature.Index))
            {
                problems.Add(new ImportProblem(File, null, feature.Index, "code",
                    $"{where}: code '{feature.Code}' already has a boundary in feature {firstIndex[feature.Code]}"));
            }
            else if (!unitExists(feature.Code))
            {
                problems.Add(new ImportProblem(File, null, feature.Index, "code",
                    $"{where}: code '{feature.Code}' is not a unit in this import or the existing tree"));
            }
            else if (feature.Boundary is not null)
            {
                byCode[feature.Code] = feature;
            }
        }
        return byCode;
    }

    /// <param name="units">The units this import defines, with their boundaries as they will be after it.</param>
    /// <param name="imported">The valid features, by unit code.</param>
    /// <param name="unitByCode">A unit as it will be after the import: from the import, else from the existing tree.</param>
    /// <param name="existingChildren">The children a unit has in the existing tree.</param>
    public static void CheckNesting(IReadOnlyList<UnitDefinition> units, IReadOnlyDictionary<string, BoundaryFeature> imported,
        Func<string, UnitDefinition?> unitByCode, Func<string, IEnumerable<UnitDefinition>> existingChildren, ICollection<ImportProblem> problems)
    {
        var polygons = new Dictionary<string, Polygon>(StringComparer.Ordinal);
        Polygon? PolygonOf(UnitDefinition? unit)
        {
            if (unit?.Boundary is null)
            {
                return null;
            }
            if (!polygons.TryGetValue(unit.Code, out var polygon))
            {
                polygon = unit.Boundary.ToPolygon();
                polygons[unit.Code] = polygon;
            }
            return polygon;
        }

        var importedCodes = units.Select(u => u.Code).ToHashSet(StringComparer.Ordinal);
        var childrenByParent = units.Where(u => u.ParentCode is not null).ToLookup(u => u.ParentCode!, StringComparer.Ordinal);
        IEnumerable<UnitDefinition> ChildrenAfterImport(string parent) =>
            childrenByParent[parent].Concat(existingChildren(parent).Where(c => !importedCodes.Contains(c.Code)));

        foreach (var unit in units)
        {
            if (unit.ParentCode is not null && PolygonOf(unit) is { } child && PolygonOf(unitByCode(unit.ParentCode)) is { } parent &&
                (imported.ContainsKey(unit.Code) || imported.ContainsKey(unit.ParentCode)) && !OrgGeometry.IsWithin(child, parent))
            {
                OutsideParent(imported[imported.ContainsKey(unit.Code) ? unit.Code : unit.ParentCode], unit.Code, unit.ParentCode, problems);
            }
        }
        foreach (var redrawn in imported.Values.OrderBy(f => f.Index))
        {
            var parent = PolygonOf(unitByCode(redrawn.Code))!;
            foreach (var child in existingChildren(redrawn.Code).Where(c => !importedCodes.Contains(c.Code)))
            {
                if (PolygonOf(child) is { } polygon && !OrgGeometry.IsWithin(polygon, parent))
                {
                    OutsideParent(redrawn, child.Code, redrawn.Code, problems);
                }
            }
        }

        var parentsOfRedrawn = units.Where(u => u.ParentCode is not null && imported.ContainsKey(u.Code)).Select(u => u.ParentCode!).Distinct();
        foreach (var parentCode in parentsOfRedrawn)
        {
            var siblings = ChildrenAfterImport(parentCode).Where(u => PolygonOf(u) is not null).ToList();
            for (var i = 0; i < siblings.Count; i++)
            {
                for (var j = i + 1; j < siblings.Count; j++)
                {
                    var (a, b) = (siblings[i].Code, siblings[j].Code);
                    if ((imported.ContainsKey(a) || imported.ContainsKey(b)) && OrgGeometry.Overlap(polygons[a], polygons[b]))
                    {
                        var feature = imported.TryGetValue(b, out var fb) ? fb : imported[a];
                        var other = feature.Code == b ? a : b;
                        problems.Add(new ImportProblem(File, null, feature.Index, "geometry",
                            $"{File} feature {feature.Index} (code {feature.Code}): siblings overlap: " +
                            $"unit '{feature.Code}' boundary overlaps unit '{other}' boundary (both under '{parentCode}')"));
                    }
                }
            }
        }
    }

    private static void OutsideParent(BoundaryFeature feature, string child, string parent, ICollection<ImportProblem> problems) =>
        problems.Add(new ImportProblem(File, null, feature.Index, "geometry",
            $"{File} feature {feature.Index} (code {feature.Code}): a child outside its parent: " +
            $"unit '{child}' boundary is not within parent '{parent}' boundary"));
}
