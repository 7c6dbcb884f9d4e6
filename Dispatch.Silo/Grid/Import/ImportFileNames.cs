namespace Dispatch.Silo.Grid.Import;

/// <summary>The three files of an import, as problems name them.</summary>
public static class ImportFileNames
{
    public const string Units = "units.csv";
    public const string Boundaries = "boundaries.geojson";
    public const string Workers = "workers.csv";
}
