namespace Dispatch.Silo.Grid.Import;

/// <summary>A data row of a CSV file, its fields looked up by column name (surrounding spaces dropped).</summary>
internal sealed class CsvRow(int line, IReadOnlyList<string> fields, IReadOnlyDictionary<string, int> columns)
{
    public int Line => line;

    public string this[string column] => fields[columns[column]].Trim();
}

/// <summary>
/// A CSV file whose header row must name exactly the expected columns (in any order). Syntax and
/// header faults become problems; rows with the wrong number of fields are reported and left out.
/// </summary>
internal static class CsvTable
{
    public static IReadOnlyList<CsvRow> Read(string text, string file, IReadOnlyList<string> columns, ICollection<ImportProblem> problems)
    {
        var (records, faults) = Rfc4180Reader.Read(text);
        foreach (var fault in faults)
        {
            problems.Add(new ImportProblem(file, fault.Line, null, null, $"{file} line {fault.Line}: {fault.Message}"));
        }
        if (records.Count == 0 || records[0].Line != 1)
        {
            if (faults.All(f => f.Line != 1))
            {
                problems.Add(new ImportProblem(file, 1, null, null, $"{file} line 1: the header row is missing; expected {string.Join(",", columns)}"));
            }
            return [];
        }

        var header = records[0];
        var map = Header(header, file, columns, problems);
        if (map is null)
        {
            return [];
        }
        var rows = new List<CsvRow>();
        foreach (var record in records.Skip(1))
        {
            if (record.Fields.Count != header.Fields.Count)
            {
                problems.Add(new ImportProblem(file, record.Line, null, null,
                    $"{file} line {record.Line}: has {record.Fields.Count} fields; the header has {header.Fields.Count}"));
                continue;
            }
            rows.Add(new CsvRow(record.Line, record.Fields, map));
        }
        return rows;
    }

    private static Dictionary<string, int>? Header(CsvRecord header, string file, IReadOnlyList<string> columns, ICollection<ImportProblem> problems)
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        var ok = true;
        for (var i = 0; i < header.Fields.Count; i++)
        {
            var name = header.Fields[i].Trim();
            if (!columns.Contains(name))
            {
                problems.Add(new ImportProblem(file, 1, null, name, $"{file} line 1: unknown column '{name}'; expected {string.Join(",", columns)}"));
                ok = false;
            }
            else if (!map.TryAdd(name, i))
            {
                problems.Add(new ImportProblem(file, 1, null, name, $"{file} line 1: column '{name}' appears twice"));
                ok = false;
            }
        }
        foreach (var missing in columns.Where(c => !map.ContainsKey(c)))
        {
            problems.Add(new ImportProblem(file, 1, null, missing, $"{file} line 1: column '{missing}' is missing; expected {string.Join(",", columns)}"));
            ok = false;
        }
        return ok ? map : null;
    }
}
