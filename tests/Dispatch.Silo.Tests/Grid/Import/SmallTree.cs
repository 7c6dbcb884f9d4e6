using System.Globalization;
using System.Text;
using Dispatch.Contracts.Org;
using Dispatch.Silo.Grid;
using Dispatch.Silo.Grid.Import;

namespace Dispatch.Silo.Tests.Grid.Import;

/// <summary>
/// A valid six-unit import that tests break one fault at a time. Boundaries (x = longitude):
/// <code>
///   C              0..10 x 0..10
///   C-01           1..9
///   C-01-01        2..8
///   C-01-01-001    3..7
///   -01 | -02      3..5 | 5..7  (siblings sharing an edge)
/// </code>
/// </summary>
internal sealed class SmallTree
{
    public string Units { get; set; } =
        """
        code,name,level,parent_code,service_station_address,qr_token
        C,肥城市,city,,,
        C-01,新城街道,town,C,,
        C-01-01,龙山社区,community,C-01,,
        C-01-01-001,阳光小区,grid,C-01-01,"肥城市新城街道龙山路1号, ""阳光""网格服务站",AbCdEfGh12345678
        C-01-01-001-01,1号楼,micro_grid,C-01-01-001,,
        C-01-01-001-02,2号楼,micro_grid,C-01-01-001,,

        """;

    public List<string> Features { get; } =
    [
        Rect("C", 0, 0, 10, 10),
        Rect("C-01", 1, 1, 9, 9),
        Rect("C-01-01", 2, 2, 8, 8),
        Rect("C-01-01-001", 3, 3, 7, 7),
        Rect("C-01-01-001-01", 3, 3, 5, 7),
        Rect("C-01-01-001-02", 5, 3, 7, 7),
    ];

    public string Workers { get; set; } =
        """
        id,name,phone,on_duty,assignments
        W1,王伟,13800000001,true,C-01-01-001:grid_chief
        W2,李娜,13800000002,false,C-01-01-001:full_time_grid_worker;C-01-01-001-01:unit_head

        """;

    public string Boundaries => Collection(Features);

    public static string Collection(IEnumerable<string> features) =>
        $$"""{"type":"FeatureCollection","features":[{{string.Join(",\n", features)}}]}""";

    public static string Rect(string code, double west, double south, double east, double north) =>
        Feature(code, (west, south), (east, south), (east, north), (west, north), (west, south));

    public static string Feature(string code, params (double Lon, double Lat)[] ring)
    {
        var positions = string.Join(",", ring.Select(p => string.Create(CultureInfo.InvariantCulture, $"[{p.Lon},{p.Lat}]")));
        return $$$"""{"type":"Feature","properties":{"code":"{{{code}}}"},"geometry":{"type":"Polygon","coordinates":[[{{{positions}}}]]}}""";
    }

    public void ReplaceUnitLine(int line, string text) => Units = ReplaceLine(Units, line, text);

    public void ReplaceWorkerLine(int line, string text) => Workers = ReplaceLine(Workers, line, text);

    public OrgImportResult Import(Func<string, UnitDefinition?>? existingUnit = null, bool units = true, bool boundaries = true, bool workers = true,
        Func<string, IEnumerable<UnitDefinition>>? existingChildren = null) =>
        OrgImporter.Read(new OrgImportSources(
            units ? Stream(Units) : null,
            boundaries ? Stream(Boundaries) : null,
            workers ? Stream(Workers) : null), existingUnit, existingChildren);

    public static MemoryStream Stream(string text) => new(Encoding.UTF8.GetBytes(text));

    /// <summary>Lookup over a snapshot's units, as the grains will offer it.</summary>
    public static Func<string, UnitDefinition?> LookupOf(OrgSnapshot snapshot)
    {
        var units = snapshot.Units.ToDictionary(u => u.Code);
        return code => units.GetValueOrDefault(code);
    }

    /// <summary>Children lookup over a snapshot's units, as the grains will offer it.</summary>
    public static Func<string, IEnumerable<UnitDefinition>> ChildrenLookupOf(OrgSnapshot snapshot)
    {
        var children = snapshot.Units.Where(u => u.ParentCode is not null).ToLookup(u => u.ParentCode!);
        return code => children[code];
    }

    private static string ReplaceLine(string text, int line, string replacement)
    {
        var lines = text.Split('\n');
        lines[line - 1] = replacement;
        return string.Join('\n', lines);
    }
}
