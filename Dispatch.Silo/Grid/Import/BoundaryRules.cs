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
    public static void CheckNesting(IReadOnlyList<UnitDefinition> units, IReadOnlyDictionary<string, BoundaryFeature> imported,
        Func<string, UnitDefinition?> unitByCode, ICollection<ImportProblem> problems)
    {
        var polygons = new Dictionary<string, Polygon>(StringComparer.Ordinal);
        Polygon? PolygonOf(string code)
        {
            if (!polygons.TryGetValue(code, out var polygon) && unitByCode(code)?.Boundary is { } boundary)
            {
                polygon = boundary.ToPolygon();
                polygons[code] = polygon;
            }
            return polygon;
        }

        foreach (var unit in units)
        {
            if (unit.ParentCode is null || PolygonOf(unit.Code) is not { } child || PolygonOf(unit.ParentCode) is not { } parent)
            {
                continue;
            }
            var childImported = imported.ContainsKey(unit.Code);
            if ((childImported || imported.ContainsKey(unit.ParentCode)) && !OrgGeometry.IsWithin(child, parent))
            {
                var feature = imported[childImported ? unit.Code : unit.ParentCode];
                problems.Add(new ImportProblem(File, null, feature.Index, "geometry",
                    $"{File} feature {feature.Index} (code {feature.Code}): a child outside its parent: " +
                    $"unit '{unit.Code}' boundary is not within parent '{unit.ParentCode}' boundary"));
            }
        }

        foreach (var siblings in units.Where(u => u.ParentCode is not null && PolygonOf(u.Code) is not null).GroupBy(u => u.ParentCode!))
        {
            var list = siblings.ToList();
            for (var i = 0; i < list.Count; i++)
            {
                for (var j = i + 1; j < list.Count; j++)
                {
                    var (a, b) = (list[i].Code, list[j].Code);
                    if ((imported.ContainsKey(a) || imported.ContainsKey(b)) && OrgGeometry.Overlap(polygons[a], polygons[b]))
                    {
                        var feature = imported.TryGetValue(b, out var fb) ? fb : imported[a];
                        problems.Add(new ImportProblem(File, null, feature.Index, "geometry",
                            $"{File} feature {feature.Index} (code {feature.Code}): siblings overlap: " +
                            $"unit '{b}' boundary overlaps unit '{a}' boundary (both under '{siblings.Key}')"));
                    }
                }
            }
        }
    }
}
