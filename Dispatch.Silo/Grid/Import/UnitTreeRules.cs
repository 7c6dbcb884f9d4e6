using Dispatch.Contracts.Org;

namespace Dispatch.Silo.Grid.Import;

/// <summary>
/// The rows of units.csv against each other and against the existing tree: codes and QR tokens
/// are unique, every parent exists (here or already), a unit sits exactly one level below its
/// parent, only the city has no parent, and an existing unit keeps its level.
/// </summary>
internal static class UnitTreeRules
{
    private const string File = ImportFileNames.Units;

    public static void Check(IReadOnlyList<UnitRow> rows, Func<string, UnitDefinition?> existingUnit, ICollection<ImportProblem> problems)
    {
        var firstByCode = new Dictionary<string, UnitRow>(StringComparer.Ordinal);
        var firstByQrToken = new Dictionary<string, UnitRow>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            void Problem(string field, string message) =>
                problems.Add(new ImportProblem(File, row.Line, null, field, $"{File} line {row.Line}: {message}"));

            if (!firstByCode.TryAdd(row.Code, row))
            {
                Problem("code", $"code '{row.Code}' is already defined on line {firstByCode[row.Code].Line}");
            }
            if (row.QrToken is not null && !firstByQrToken.TryAdd(row.QrToken, row))
            {
                var first = firstByQrToken[row.QrToken];
                Problem("qr_token", $"qr_token '{row.QrToken}' is already used by unit '{first.Code}' on line {first.Line}");
            }
            var existing = existingUnit(row.Code);
            if (existing is not null && row.Level is { } newLevel && existing.Level != newLevel)
            {
                Problem("level", $"unit '{row.Code}' is a {SnakeCaseNames.Of(existing.Level)} in the existing tree; a unit's level cannot change");
            }
        }

        foreach (var row in rows)
        {
            void Problem(string field, string message) =>
                problems.Add(new ImportProblem(File, row.Line, null, field, $"{File} line {row.Line}: {message}"));

            if (row.Level == OrgLevel.City)
            {
                if (row.ParentCode is not null)
                {
                    Problem("parent_code", $"a city is the root and has no parent; parent_code must be empty, not '{row.ParentCode}'");
                }
                continue;
            }
            if (row.ParentCode is null)
            {
                Problem("parent_code", "parent_code is empty; only a city has no parent");
                continue;
            }
            if (row.ParentCode == row.Code)
            {
                Problem("parent_code", $"parent_code '{row.ParentCode}' is the unit itself");
                continue;
            }
            OrgLevel? parentLevel = firstByCode.TryGetValue(row.ParentCode, out var parentRow)
                ? parentRow.Level
                : existingUnit(row.ParentCode)?.Level;
            if (!firstByCode.ContainsKey(row.ParentCode) && existingUnit(row.ParentCode) is null)
            {
                Problem("parent_code", $"parent_code '{row.ParentCode}' is not a unit in this import or the existing tree");
            }
            else if (row.Level is { } level && parentLevel is { } parent && level != parent + 1)
            {
                Problem("level", $"level {SnakeCaseNames.Of(level)} must be exactly one below its parent's level, " +
                                 $"but parent '{row.ParentCode}' is a {SnakeCaseNames.Of(parent)}");
            }
        }
    }
}
