using System.Text.Json;
using Dispatch.Contracts.Org;
using Dispatch.Silo.Grid.GeoIndex;

namespace Dispatch.Silo.Grid.Import;

/// <summary>
/// A feature of boundaries.geojson. <see cref="Boundary"/> is null when the geometry could not be
/// used; the fault has been reported.
/// </summary>
internal sealed record BoundaryFeature(int Index, string Code, GeoPolygon? Boundary);

/// <summary>
/// boundaries.geojson: a FeatureCollection (RFC 7946 §3.3) of Polygon features (§3.1.6) with a
/// string property <c>code</c>. Only the outer ring is read, so holes are refused; other
/// properties are ignored. Parsed by hand rather than by a GeoJSON library so that every fault is
/// reported with its feature instead of ending the read at the first exception.
/// </summary>
internal static class BoundariesGeoJson
{
    private const string File = ImportFileNames.Boundaries;

    public static IReadOnlyList<BoundaryFeature> Read(string text, ICollection<ImportProblem> problems)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0) + 1;
            problems.Add(new ImportProblem(File, line, null, null, $"{File} line {line}: not valid JSON ({FirstSentence(e.Message)})"));
            return [];
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || StringProperty(root, "type") != "FeatureCollection")
            {
                problems.Add(new ImportProblem(File, null, null, "type", $"{File}: the top level must be an object with \"type\": \"FeatureCollection\""));
                return [];
            }
            if (!root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
            {
                problems.Add(new ImportProblem(File, null, null, "features", $"{File}: \"features\" must be an array"));
                return [];
            }
            var result = new List<BoundaryFeature>();
            var index = 0;
            foreach (var feature in features.EnumerateArray())
            {
                if (ReadFeature(feature, index, problems) is { } read)
                {
                    result.Add(read);
                }
                index++;
            }
            return result;
        }
    }

    private static BoundaryFeature? ReadFeature(JsonElement feature, int index, ICollection<ImportProblem> problems)
    {
        if (feature.ValueKind != JsonValueKind.Object || StringProperty(feature, "type") != "Feature")
        {
            problems.Add(new ImportProblem(File, null, index, "type", $"{File} feature {index}: is not an object with \"type\": \"Feature\""));
            return null;
        }
        var code = feature.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
            ? StringProperty(properties, "code")?.Trim()
            : null;
        if (string.IsNullOrEmpty(code))
        {
            problems.Add(new ImportProblem(File, null, index, "code", $"{File} feature {index}: property \"code\" is missing or not a non-empty string"));
            return null;
        }

        var where = $"{File} feature {index} (code {code})";
        void Problem(string field, string message) => problems.Add(new ImportProblem(File, null, index, field, $"{where}: {message}"));

        if (!feature.TryGetProperty("geometry", out var geometry) || geometry.ValueKind != JsonValueKind.Object)
        {
            Problem("geometry", "geometry is missing; each boundary must be one Polygon");
            return new BoundaryFeature(index, code, null);
        }
        var type = StringProperty(geometry, "type");
        if (type != "Polygon")
        {
            Problem("geometry", $"geometry type '{type}' is not supported; each boundary must be one Polygon");
            return new BoundaryFeature(index, code, null);
        }
        var ring = OuterRing(geometry, Problem);
        if (ring is null)
        {
            return new BoundaryFeature(index, code, null);
        }
        var boundary = new GeoPolygon(ring);
        var faults = OrgGeometry.RingFaults(boundary);
        foreach (var fault in faults)
        {
            Problem("geometry", fault);
        }
        return new BoundaryFeature(index, code, faults.Count == 0 ? boundary : null);
    }

    private static GeoPoint[]? OuterRing(JsonElement geometry, Action<string, string> problem)
    {
        const string shape = "coordinates must be an array holding one ring, an array of [longitude, latitude] positions";
        if (!geometry.TryGetProperty("coordinates", out var rings) || rings.ValueKind != JsonValueKind.Array ||
            rings.GetArrayLength() == 0 || rings[0].ValueKind != JsonValueKind.Array)
        {
            problem("coordinates", shape);
            return null;
        }
        if (rings.GetArrayLength() > 1)
        {
            problem("coordinates", $"polygon has {rings.GetArrayLength()} rings; holes are not supported, give only the outer ring");
            return null;
        }
        var positions = new List<GeoPoint>();
        var i = 0;
        foreach (var position in rings[0].EnumerateArray())
        {
            if (position.ValueKind != JsonValueKind.Array || position.GetArrayLength() < 2 ||
                position[0].ValueKind != JsonValueKind.Number || position[1].ValueKind != JsonValueKind.Number)
            {
                problem("coordinates", $"position {i} is not [longitude, latitude]");
                return null;
            }
            positions.Add(new GeoPoint(position[0].GetDouble(), position[1].GetDouble()));
            i++;
        }
        return positions.ToArray();
    }

    private static string? StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }
}
