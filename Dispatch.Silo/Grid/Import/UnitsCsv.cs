using Dispatch.Contracts.Org;

namespace Dispatch.Silo.Grid.Import;

/// <summary>A row of units.csv; <see cref="Level"/> is null when the level was not understood.</summary>
internal sealed record UnitRow(int Line, string Code, string Name, OrgLevel? Level, string? ParentCode, string? ServiceStationAddress, string? QrToken);

/// <summary>
/// units.csv: <c>code,name,level,parent_code,service_station_address,qr_token</c>. This checks
/// each row on its own; <see cref="UnitTreeRules"/> checks the rows against each other and the tree.
/// </summary>
internal static class UnitsCsv
{
    public static readonly string[] Columns = ["code", "name", "level", "parent_code", "service_station_address", "qr_token"];

    private const string File = ImportFileNames.Units;

    public static IReadOnlyList<UnitRow> Read(string text, ICollection<ImportProblem> problems)
    {
        var units = new List<UnitRow>();
        foreach (var row in CsvTable.Read(text, File, Columns, problems))
        {
            void Problem(string field, string message) =>
                problems.Add(new ImportProblem(File, row.Line, null, field, $"{File} line {row.Line}: {message}"));

            var code = row["code"];
            if (code.Length == 0)
            {
                Problem("code", "code is empty");
                continue;
            }
            if (!ImportRules.Identifier().IsMatch(code))
            {
                Problem("code", $"code '{code}' may contain only {ImportRules.IdentifierRule}");
            }
            var name = row["name"];
            if (name.Length == 0)
            {
                Problem("name", "name is empty");
            }
            OrgLevel? level = null;
            if (SnakeCaseNames.TryParseLevel(row["level"], out var parsed))
            {
                level = parsed;
            }
            else
            {
                Problem("level", $"level '{row["level"]}' is not one of {SnakeCaseNames.AllLevels}");
            }
            var qrToken = Optional(row["qr_token"]);
            if (qrToken is not null && !ImportRules.QrToken().IsMatch(qrToken))
            {
                Problem("qr_token", $"qr_token '{qrToken}' may contain only {ImportRules.QrTokenRule}");
            }
            units.Add(new UnitRow(row.Line, code, name, level, Optional(row["parent_code"]), Optional(row["service_station_address"]), qrToken));
        }
        return units;
    }

    private static string? Optional(string value) => value.Length == 0 ? null : value;
}
