using System.Diagnostics;
using System.Text;
using Dispatch.Silo.Grid;
using Dispatch.Silo.Grid.Import;
using Dispatch.Silo.Tests.Grid.Demo;
using Xunit.Abstractions;

namespace Dispatch.Silo.Tests.Grid.Import;

public class RoundTripTests(ITestOutputHelper output)
{
    private static OrgImportResult ExportAndImport(OrgSnapshot snapshot, out (string Units, string Boundaries, string Workers) files)
    {
        using var units = new MemoryStream();
        using var boundaries = new MemoryStream();
        using var workers = new MemoryStream();
        OrgExporter.Write(snapshot, units, boundaries, workers);
        files = (Encoding.UTF8.GetString(units.ToArray()), Encoding.UTF8.GetString(boundaries.ToArray()), Encoding.UTF8.GetString(workers.ToArray()));
        units.Position = boundaries.Position = workers.Position = 0;
        return OrgImporter.Read(new OrgImportSources(units, boundaries, workers));
    }

    [Fact]
    public void The_exported_demo_imports_back_unchanged()
    {
        var clock = Stopwatch.StartNew();
        var result = ExportAndImport(DemoSnapshot.Value, out var files);
        output.WriteLine($"export + import of the demo took {clock.ElapsedMilliseconds} ms; " +
                         $"{files.Units.Length + files.Boundaries.Length + files.Workers.Length} characters");

        Assert.True(result.Succeeded, string.Join("\n", result.Problems.Take(10)));
        SnapshotAssert.Equal(DemoSnapshot.Value, result.Snapshot!);
    }

    [Fact]
    public void The_exported_files_have_the_documented_headers_and_crlf_records()
    {
        ExportAndImport(DemoSnapshot.Value, out var files);

        Assert.StartsWith("code,name,level,parent_code,service_station_address,qr_token\r\n370983,肥城市,city,,,\r\n", files.Units);
        Assert.StartsWith("id,name,phone,on_duty,assignments\r\nW000001,", files.Workers);
        Assert.Contains(":grid_chief\r\n", files.Workers);
        Assert.StartsWith("""{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"370983","name":"肥城市","level":"city"}""", files.Boundaries);
    }

    [Fact]
    public void Fields_with_commas_quotes_and_line_breaks_survive_the_round_trip()
    {
        var small = new SmallTree().Import().Snapshot!;
        var tricky = small with
        {
            Units = small.Units.Select(u => u.Code == "C-01" ? u with { ServiceStationAddress = "一号, \"二\"\r\n三" } : u).ToList(),
        };

        var result = ExportAndImport(tricky, out _);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal("一号, \"二\"\r\n三", result.Snapshot!.Units.Single(u => u.Code == "C-01").ServiceStationAddress);
    }
}
