namespace Dispatch.Silo.Grid.Import;

/// <summary>
/// One thing wrong with an import, precise enough to fix without guessing.
/// <see cref="Message"/> is the whole sentence, location first:
/// "units.csv line 12: parent_code 'X' is not a unit in this import or the existing tree".
/// </summary>
/// <param name="File">units.csv, boundaries.geojson or workers.csv.</param>
/// <param name="Line">The 1-based line where the CSV record starts (the header is line 1); null when not a CSV row.</param>
/// <param name="Feature">The 0-based index in the GeoJSON "features" array; null when not a feature.</param>
/// <param name="Field">The column or property at fault, when one is.</param>
public sealed record ImportProblem(string File, int? Line, int? Feature, string? Field, string Message)
{
    public override string ToString() => Message;
}
