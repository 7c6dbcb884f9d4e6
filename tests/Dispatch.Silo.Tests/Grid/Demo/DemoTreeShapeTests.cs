using Dispatch.Contracts.Org;
using Dispatch.Silo.Grid.Demo;

namespace Dispatch.Silo.Tests.Grid.Demo;

public class DemoTreeShapeTests
{
    [Theory]
    [InlineData(OrgLevel.City, 1)]
    [InlineData(OrgLevel.Town, 14)]
    [InlineData(OrgLevel.Grid, 775)]
    [InlineData(OrgLevel.MicroGrid, 3_544)]
    public void The_demo_county_has_Feichengs_unit_counts(OrgLevel level, int expected) =>
        Assert.Equal(expected, DemoSnapshot.Value.Units.Count(u => u.Level == level));

    [Fact]
    public void Every_town_has_8_to_15_communities()
    {
        var units = DemoSnapshot.Value.Units;
        foreach (var town in units.Where(u => u.Level == OrgLevel.Town))
        {
            Assert.InRange(units.Count(u => u.ParentCode == town.Code), 8, 15);
        }
    }

    [Fact]
    public void Towns_carry_the_fourteen_Feicheng_names_in_code_order()
    {
        var towns = DemoSnapshot.Value.Units.Where(u => u.Level == OrgLevel.Town).ToList();

        Assert.Equal(DemoCounty.TownNames, towns.Select(t => t.Name));
        Assert.Equal("370983-01", towns[0].Code);
        Assert.Equal("370983-14", towns[^1].Code);
    }

    [Fact]
    public void Codes_are_unique_and_extend_the_parent_code_by_one_segment()
    {
        var units = DemoSnapshot.Value.Units;
        Assert.Equal(units.Count, units.Select(u => u.Code).Distinct(StringComparer.Ordinal).Count());
        var byCode = units.ToDictionary(u => u.Code);
        foreach (var unit in units.Where(u => u.ParentCode is not null))
        {
            var parent = byCode[unit.ParentCode!];
            Assert.Equal(parent.Level + 1, unit.Level);
            Assert.Matches($"^{parent.Code}-[0-9]+$", unit.Code);
        }
        Assert.Contains(units, u => u.Code.Length == "370983-01-03-007-02".Length && u.Level == OrgLevel.MicroGrid);
    }

    [Fact]
    public void Parents_are_listed_before_their_children()
    {
        var seen = new HashSet<string>();
        foreach (var unit in DemoSnapshot.Value.Units)
        {
            Assert.True(unit.ParentCode is null || seen.Contains(unit.ParentCode), $"{unit.Code} comes before its parent");
            seen.Add(unit.Code);
        }
    }

    [Fact]
    public void Every_grid_and_only_grids_have_a_service_station_and_a_unique_url_safe_qr_token()
    {
        var units = DemoSnapshot.Value.Units;
        var grids = units.Where(u => u.Level == OrgLevel.Grid).ToList();

        Assert.All(grids, g => Assert.Matches("^[A-Za-z0-9_-]{16}$", g.QrToken));
        Assert.All(grids, g => Assert.False(string.IsNullOrWhiteSpace(g.ServiceStationAddress)));
        Assert.Equal(grids.Count, grids.Select(g => g.QrToken).Distinct().Count());
        Assert.All(units.Where(u => u.Level != OrgLevel.Grid), u => Assert.Null(u.QrToken));
    }

    [Fact]
    public void Unit_names_are_chinese_with_building_numbers_in_digits()
    {
        Assert.All(DemoSnapshot.Value.Units, u => Assert.True(Cjk.IsChinese(u.Name.TrimStart("0123456789".ToCharArray())), u.Name));
    }

    [Fact]
    public void Generation_is_deterministic()
    {
        var first = DemoTreeGenerator.Generate();
        var second = DemoTreeGenerator.Generate();

        SnapshotAssert.Equal(first, second);
        Assert.Equal(first.Logins, second.Logins);
        Assert.Equal(first.SipDevices.Keys, second.SipDevices.Keys);
        Assert.All(first.SipDevices, pair => Assert.Equal(pair.Value, second.SipDevices[pair.Key]));
    }
}
