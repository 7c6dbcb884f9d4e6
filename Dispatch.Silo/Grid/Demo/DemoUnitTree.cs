using System.Globalization;
using Dispatch.Contracts.Org;

namespace Dispatch.Silo.Grid.Demo;

/// <summary>
/// Builds the demo's five levels. Codes extend the parent's code by one segment:
/// <code>
///   370983                 city
///   370983-01              town / street    (2 digits, 01..14)
///   370983-01-03           community        (2 digits)
///   370983-01-03-007       grid             (3 digits)
///   370983-01-03-007-02    micro-grid       (2 digits)
/// </code>
/// Each child's box is a cell of its parent's box, shrunk a little, so children nest and never touch.
/// </summary>
internal sealed class DemoUnitTree
{
    private const double ChildInset = 0.03;
    private const string QrAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private const int QrTokenLength = 16;

    private readonly Random _random;
    private readonly List<UnitDefinition> _units = [];
    private readonly List<DemoTown> _towns = [];

    private DemoUnitTree(Random random) => _random = random;

    /// <summary>Every unit, parents before children.</summary>
    public IReadOnlyList<UnitDefinition> Units => _units;

    public IReadOnlyList<DemoTown> Towns => _towns;

    public UnitDefinition City => _units[0];

    public static DemoUnitTree Build(Random random)
    {
        var tree = new DemoUnitTree(random);
        tree.BuildAll();
        return tree;
    }

    private void BuildAll()
    {
        var cityBox = DemoCounty.Box;
        _units.Add(new UnitDefinition(DemoCounty.CityCode, DemoCounty.CityName, OrgLevel.City, null, cityBox.ToPolygon(), null, null));

        var townCount = DemoCounty.TownNames.Count;
        var communitiesPerTown = Enumerable.Range(0, townCount)
            .Select(_ => _random.Next(DemoCounty.MinCommunitiesPerTown, DemoCounty.MaxCommunitiesPerTown + 1))
            .ToArray();
        var gridsPerCommunity = new Queue<int>(CountSpread.Spread(DemoCounty.GridCount, communitiesPerTown.Sum(), 2, 9, _random));
        var microGridsPerGrid = new Queue<int>(CountSpread.Spread(DemoCounty.MicroGridCount, DemoCounty.GridCount, 2, 8, _random));

        var townBoxes = cityBox.Split(townCount, _random);
        for (var t = 0; t < townCount; t++)
        {
            var townName = DemoCounty.TownNames[t];
            var town = AddChild(_units[0], townName, OrgLevel.Town, t + 1, 2, townBoxes[t]);
            var demoTown = new DemoTown(town, []);
            _towns.Add(demoTown);
            BuildCommunities(demoTown, communitiesPerTown[t], gridsPerCommunity, microGridsPerGrid);
        }
    }

    private void BuildCommunities(DemoTown town, int communityCount, Queue<int> gridsPerCommunity, Queue<int> microGridsPerGrid)
    {
        var street = DemoCounty.IsStreet(town.Unit.Name);
        var names = PlaceNames.Communities(street, communityCount, _random);
        var boxes = BoxOf(town.Unit).Split(communityCount, _random);
        var gridNames = new HashSet<string>(StringComparer.Ordinal);
        for (var c = 0; c < communityCount; c++)
        {
            var community = AddChild(town.Unit, names[c], OrgLevel.Community, c + 1, 2, boxes[c]);
            var gridCount = gridsPerCommunity.Dequeue();
            var gridBoxes = boxes[c].Inset(ChildInset).Split(gridCount, _random);
            for (var g = 0; g < gridCount; g++)
            {
                var gridName = PlaceNames.Grid(street, gridNames, _random);
                var grid = AddChild(community, gridName, OrgLevel.Grid, g + 1, 3, gridBoxes[g],
                    PlaceNames.ServiceStation(town.Unit.Name, gridName, street, _random), QrToken());
                var microGrids = new List<UnitDefinition>();
                var microCount = microGridsPerGrid.Dequeue();
                var microBoxes = gridBoxes[g].Inset(ChildInset).Split(microCount, _random);
                for (var m = 0; m < microCount; m++)
                {
                    microGrids.Add(AddChild(grid, PlaceNames.MicroGrid(street, m + 1), OrgLevel.MicroGrid, m + 1, 2, microBoxes[m]));
                }
                town.Grids.Add(new DemoGrid(grid, microGrids));
            }
        }
    }

    private UnitDefinition AddChild(UnitDefinition parent, string name, OrgLevel level, int number, int digits, GeoRect cell,
        string? serviceStation = null, string? qrToken = null)
    {
        var code = $"{parent.Code}-{number.ToString("D" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)}";
        var unit = new UnitDefinition(code, name, level, parent.Code, cell.Inset(ChildInset).ToPolygon(), serviceStation, qrToken);
        _units.Add(unit);
        return unit;
    }

    private static GeoRect BoxOf(UnitDefinition unit)
    {
        var ring = unit.Boundary!.Ring;
        return new GeoRect(ring[0].Longitude, ring[0].Latitude, ring[2].Longitude, ring[2].Latitude);
    }

    private string QrToken() => string.Create(QrTokenLength, _random, static (span, random) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = QrAlphabet[random.Next(QrAlphabet.Length)];
        }
    });
}

/// <summary>A town with its grids, kept so that people can be placed without searching the tree.</summary>
internal sealed record DemoTown(UnitDefinition Unit, List<DemoGrid> Grids);

internal sealed record DemoGrid(UnitDefinition Unit, IReadOnlyList<UnitDefinition> MicroGrids);
