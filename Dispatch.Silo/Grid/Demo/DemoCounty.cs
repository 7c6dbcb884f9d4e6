namespace Dispatch.Silo.Grid.Demo;

/// <summary>
/// The shape of the demo county, after Feicheng (DOMAIN.md): one county-level city, 14 towns and
/// streets, 775 grids and 3,544 micro-grids, and the "1+2+N" people who serve them.
/// </summary>
public static class DemoCounty
{
    /// <summary>The one seed behind every random choice; changing it changes the whole demo.</summary>
    public const int Seed = 370983;

    public const string CityCode = "370983";
    public const string CityName = "肥城市";

    /// <summary>Towns in code order (-01 .. -14); the four streets (街道) are the urban ones.</summary>
    public static readonly IReadOnlyList<string> TownNames =
    [
        "新城街道", "老城街道", "王瓜店街道", "仪阳街道", "潮泉镇", "桃园镇", "王庄镇",
        "湖屯镇", "石横镇", "安临站镇", "孙伯镇", "安驾庄镇", "汶阳镇", "边院镇",
    ];

    public const int GridCount = 775;
    public const int MicroGridCount = 3_544;
    public const int MinCommunitiesPerTown = 8;
    public const int MaxCommunitiesPerTown = 15;

    // The "N" of "1+2+N" (counts of people, not of assignments).
    public const int UnitHeads = 1_800;
    public const int PartyMemberHouseholds = 1_000;
    public const int MobileGridWorkers = 400;
    public const int SunkOfficers = 300;
    public const int Volunteers = 150;

    /// <summary>Share of workers on duty when the demo starts.</summary>
    public const double OnDutyShare = 0.7;

    // The county box: lon 116.55–117.05, lat 35.95–36.30.
    public static readonly GeoRect Box = new(116.55, 35.95, 117.05, 36.30);

    public static bool IsStreet(string townName) => townName.EndsWith("街道", StringComparison.Ordinal);
}
