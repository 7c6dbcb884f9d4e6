namespace Dispatch.Silo.Grid.Import;

/// <summary>
/// The files of one import; any may be left out (for example, only workers.csv to re-staff
/// existing units, or only boundaries.geojson to redraw them). The streams are read, not closed.
/// </summary>
public sealed record OrgImportSources(Stream? Units = null, Stream? Boundaries = null, Stream? Workers = null);
