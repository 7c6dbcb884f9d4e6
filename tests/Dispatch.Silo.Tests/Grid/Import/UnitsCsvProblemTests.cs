using Dispatch.Contracts.Org;

namespace Dispatch.Silo.Tests.Grid.Import;

public class UnitsCsvProblemTests
{
    private static void FailsAfterUnitLine(int line, string text, params string[] messages)
    {
        var tree = new SmallTree();
        tree.ReplaceUnitLine(line, text);
        ImportAssert.Fails(tree.Import(workers: false, boundaries: false), messages);
    }

    [Fact]
    public void An_unknown_parent_is_named() => FailsAfterUnitLine(3, "C-01,新城街道,town,X,,",
        "units.csv line 3: parent_code 'X' is not a unit in this import or the existing tree");

    [Fact]
    public void A_duplicate_code_names_the_first_line() => FailsAfterUnitLine(7, "C-01-01-001-01,3号楼,micro_grid,C-01-01-001,,",
        "units.csv line 7: code 'C-01-01-001-01' is already defined on line 6");

    [Fact]
    public void An_unknown_level_lists_the_known_ones() => FailsAfterUnitLine(3, "C-01,新城街道,county,C,,",
        "units.csv line 3: level 'county' is not one of city, town, community, grid, micro_grid");

    [Fact]
    public void A_level_that_skips_one_is_refused() => FailsAfterUnitLine(5, "C-01-01-001,阳光小区,micro_grid,C-01-01,,",
        "units.csv line 5: level micro_grid must be exactly one below its parent's level, but parent 'C-01-01' is a community",
        "units.csv line 6: level micro_grid must be exactly one below its parent's level, but parent 'C-01-01-001' is a micro_grid",
        "units.csv line 7: level micro_grid must be exactly one below its parent's level, but parent 'C-01-01-001' is a micro_grid");

    [Fact]
    public void Only_a_city_may_lack_a_parent() => FailsAfterUnitLine(3, "C-01,新城街道,town,,,",
        "units.csv line 3: parent_code is empty; only a city has no parent");

    [Fact]
    public void A_city_may_not_have_a_parent() => FailsAfterUnitLine(2, "C,肥城市,city,Z,,",
        "units.csv line 2: a city is the root and has no parent; parent_code must be empty, not 'Z'");

    [Fact]
    public void A_unit_may_not_be_its_own_parent() => FailsAfterUnitLine(3, "C-01,新城街道,town,C-01,,",
        "units.csv line 3: parent_code 'C-01' is the unit itself");

    [Fact]
    public void Empty_and_malformed_fields_are_named() => FailsAfterUnitLine(3, "C 01,,town,C,,bad token!",
        "units.csv line 3: code 'C 01' may contain only letters, digits, '-', '_' and '.', at most 64, starting with a letter or digit",
        "units.csv line 3: name is empty",
        "units.csv line 3: qr_token 'bad token!' may contain only letters, digits, '-' and '_', at most 64",
        "units.csv line 4: parent_code 'C-01' is not a unit in this import or the existing tree");

    [Fact]
    public void A_reused_qr_token_names_the_first_unit() => FailsAfterUnitLine(7, "C-01-01-001-02,2号楼,micro_grid,C-01-01-001,,AbCdEfGh12345678",
        "units.csv line 7: qr_token 'AbCdEfGh12345678' is already used by unit 'C-01-01-001' on line 5");

    [Fact]
    public void A_row_with_the_wrong_number_of_fields_is_refused() => FailsAfterUnitLine(3, "C-01,新城街道,town,C",
        "units.csv line 3: has 4 fields; the header has 6",
        "units.csv line 4: parent_code 'C-01' is not a unit in this import or the existing tree");

    [Fact]
    public void Header_faults_name_the_column() => FailsAfterUnitLine(1, "code,name,levle,parent_code,service_station_address,qr_token",
        "units.csv line 1: unknown column 'levle'; expected code,name,level,parent_code,service_station_address,qr_token",
        "units.csv line 1: column 'level' is missing; expected code,name,level,parent_code,service_station_address,qr_token");

    [Fact]
    public void An_unclosed_quote_is_reported_on_the_line_it_opens()
    {
        var tree = new SmallTree();
        tree.ReplaceUnitLine(7, "C-01-01-001-03,\"3号楼,micro_grid,C-01-01-001,,");

        ImportAssert.Fails(tree.Import(workers: false, boundaries: false),
            "units.csv line 7: field 2 opens a quote on line 7 that is never closed");
    }

    [Fact]
    public void A_file_that_is_not_utf8_is_refused()
    {
        var bytes = new byte[] { 0x63, 0x6F, 0x64, 0x65, 0x2C, 0xC3, 0x28 };
        var result = Dispatch.Silo.Grid.Import.OrgImporter.Read(new(Units: new MemoryStream(bytes)));

        ImportAssert.Fails(result, "units.csv: the file is not valid UTF-8");
    }

    [Fact]
    public void Every_problem_is_reported_not_only_the_first()
    {
        var tree = new SmallTree();
        tree.ReplaceUnitLine(3, "C-01,新城街道,county,C,,");
        tree.ReplaceUnitLine(7, "C-01-01-001-02,2号楼,micro_grid,NOPE,,");
        tree.ReplaceWorkerLine(2, "W1,王伟,12345,true,C-01-01-001:grid_chief");

        var result = tree.Import();

        Assert.Null(result.Snapshot);
        Assert.True(3 == result.Problems.Count, string.Join("\n", result.Problems));
        Assert.Equal(["units.csv", "units.csv", "workers.csv"], result.Problems.Select(p => p.File));
        Assert.Equal([3, 7, 2], result.Problems.Select(p => p.Line!.Value));
        Assert.Equal(["level", "parent_code", "phone"], result.Problems.Select(p => p.Field!));
    }

    [Fact]
    public void An_existing_unit_keeps_its_level()
    {
        var existing = new UnitDefinition("C-01", "新城街道", OrgLevel.Community, "C", null, null, null);
        var tree = new SmallTree();

        var result = tree.Import(code => code == "C-01" ? existing : null, boundaries: false, workers: false);

        Assert.Contains("units.csv line 3: unit 'C-01' is a community in the existing tree; a unit's level cannot change",
            result.Problems.Select(p => p.Message));
    }
}
