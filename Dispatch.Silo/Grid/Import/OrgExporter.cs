using System.Text;
using System.Text.Json;
using Dispatch.Contracts.Org;

namespace Dispatch.Silo.Grid.Import;

/// <summary>
/// Writes a snapshot as the three import files (UTF-8 without a byte-order mark), so that an
/// exported tree imports back unchanged. SIP credentials and demo logins are not part of the format.
/// </summary>
public static class OrgExporter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static void Write(OrgSnapshot snapshot, Stream units, Stream boundaries, Stream workers)
    {
        WriteUnits(snapshot.Units, units);
        WriteBoundaries(snapshot.Units, boundaries);
        WriteWorkers(snapshot.Workers, workers);
    }

    public static void WriteUnits(IEnumerable<UnitDefinition> units, Stream stream)
    {
        using var text = new StreamWriter(stream, Utf8, leaveOpen: true);
        var csv = new Rfc4180Writer(text);
        csv.WriteRecord(UnitsCsv.Columns);
        foreach (var unit in units)
        {
            csv.WriteRecord(unit.Code, unit.Name, SnakeCaseNames.Of(unit.Level), unit.ParentCode, unit.ServiceStationAddress, unit.QrToken);
        }
    }

    public static void WriteWorkers(IEnumerable<WorkerDefinition> workers, Stream stream)
    {
        using var text = new StreamWriter(stream, Utf8, leaveOpen: true);
        var csv = new Rfc4180Writer(text);
        csv.WriteRecord(WorkersCsv.Columns);
        foreach (var worker in workers)
        {
            var assignments = string.Join(";", worker.Assignments.Select(a => $"{a.UnitCode}:{SnakeCaseNames.Of(a.Role)}"));
            csv.WriteRecord(worker.Id, worker.Name, worker.Phone, worker.OnDuty ? "true" : "false", assignments);
        }
    }

    /// <summary>
    /// A FeatureCollection with one Polygon feature per unit that has a boundary. Besides the
    /// <c>code</c> the importer reads, each feature carries <c>name</c> and <c>level</c> for GIS tools.
    /// Numbers are written in their shortest round-trip form, so they read back bit for bit.
    /// </summary>
    public static void WriteBoundaries(IEnumerable<UnitDefinition> units, Stream stream)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("type", "FeatureCollection");
        json.WriteStartArray("features");
        foreach (var unit in units.Where(u => u.Boundary is not null))
        {
            json.WriteStartObject();
            json.WriteString("type", "Feature");
            json.WriteStartObject("properties");
            json.WriteString("code", unit.Code);
            json.WriteString("name", unit.Name);
            json.WriteString("level", SnakeCaseNames.Of(unit.Level));
            json.WriteEndObject();
            json.WriteStartObject("geometry");
            json.WriteString("type", "Polygon");
            json.WriteStartArray("coordinates");
            json.WriteStartArray();
            foreach (var point in unit.Boundary!.Ring)
            {
                json.WriteStartArray();
                json.WriteNumberValue(point.Longitude);
                json.WriteNumberValue(point.Latitude);
                json.WriteEndArray();
            }
            json.WriteEndArray();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
