using Dispatch.Contracts.Org;

namespace Dispatch.Silo.Grid.Import;

/// <summary>
/// workers.csv: <c>id,name,phone,on_duty,assignments</c>, where assignments is
/// <c>unitCode:role;unitCode:role</c> (roles in snake_case, e.g. grid_chief) and may be empty.
/// Ids and phones are unique in the file; every assigned unit is in this import or the existing tree.
/// </summary>
internal static class WorkersCsv
{
    public static readonly string[] Columns = ["id", "name", "phone", "on_duty", "assignments"];

    private const string File = ImportFileNames.Workers;

    public static IReadOnlyList<WorkerDefinition> Read(string text, Func<string, bool> unitExists, ICollection<ImportProblem> problems)
    {
        var workers = new List<WorkerDefinition>();
        var lineById = new Dictionary<string, int>(StringComparer.Ordinal);
        var firstByPhone = new Dictionary<string, (string Id, int Line)>(StringComparer.Ordinal);
        foreach (var row in CsvTable.Read(text, File, Columns, problems))
        {
            var before = problems.Count;
            void Problem(string field, string message) =>
                problems.Add(new ImportProblem(File, row.Line, null, field, $"{File} line {row.Line}: {message}"));

            var id = row["id"];
            if (id.Length == 0)
            {
                Problem("id", "id is empty");
            }
            else if (!ImportRules.Identifier().IsMatch(id))
            {
                Problem("id", $"id '{id}' may contain only {ImportRules.IdentifierRule}");
            }
            else if (!lineById.TryAdd(id, row.Line))
            {
                Problem("id", $"id '{id}' is already defined on line {lineById[id]}");
            }
            if (row["name"].Length == 0)
            {
                Problem("name", "name is empty");
            }
            var phone = row["phone"];
            if (!ImportRules.Phone().IsMatch(phone))
            {
                Problem("phone", $"phone '{phone}' is not {ImportRules.PhoneRule}");
            }
            else if (!firstByPhone.TryAdd(phone, (id, row.Line)))
            {
                var first = firstByPhone[phone];
                Problem("phone", $"phone '{phone}' is already used by worker '{first.Id}' on line {first.Line}");
            }
            var onDuty = row["on_duty"].ToLowerInvariant() switch
            {
                "true" => true,
                "false" => false,
                _ => (bool?)null,
            };
            if (onDuty is null)
            {
                Problem("on_duty", $"on_duty '{row["on_duty"]}' is not true or false");
            }
            var assignments = Assignments(row["assignments"], unitExists, Problem);
            if (problems.Count == before)
            {
                workers.Add(new WorkerDefinition(id, row["name"], phone, assignments, onDuty!.Value));
            }
        }
        return workers;
    }

    private static List<UnitAssignment> Assignments(string text, Func<string, bool> unitExists, Action<string, string> problem)
    {
        var assignments = new List<UnitAssignment>();
        foreach (var entry in text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = entry.LastIndexOf(':');
            if (colon <= 0 || colon == entry.Length - 1)
            {
                problem("assignments", $"assignment '{entry}' is not unitCode:role");
                continue;
            }
            var unitCode = entry[..colon].Trim();
            var roleName = entry[(colon + 1)..].Trim();
            if (!SnakeCaseNames.TryParseRole(roleName, out var role))
            {
                problem("assignments", $"role '{roleName}' in assignment '{entry}' is not one of {SnakeCaseNames.AllRoles}");
                continue;
            }
            if (!unitExists(unitCode))
            {
                problem("assignments", $"assignment '{entry}' names unit '{unitCode}', which is not a unit in this import or the existing tree");
                continue;
            }
            var assignment = new UnitAssignment(unitCode, role);
            if (assignments.Contains(assignment))
            {
                problem("assignments", $"assignment '{entry}' is listed twice");
                continue;
            }
            assignments.Add(assignment);
        }
        return assignments;
    }
}
