using Dispatch.Contracts.Org;

namespace Dispatch.Silo.Grid.Demo;

/// <summary>An axis-aligned box in degrees; the demo's boundaries are all such boxes.</summary>
public readonly record struct GeoRect(double West, double South, double East, double North)
{
    /// <summary>Roughly 1 m at this latitude: keeps the files short and the values exact on re-import.</summary>
    private const int Decimals = 5;

    /// <summary>East-west degrees shrink by cos(latitude); about 0.81 around 36° N.</summary>
    private const double LongitudeScale = 0.81;

    public double Width => East - West;
    public double Height => North - South;

    /// <summary>The box shrunk on every side by a share of its size, so children never touch each other.</summary>
    public GeoRect Inset(double share) =>
        Rounded(West + Width * share, South + Height * share, East - Width * share, North - Height * share);

    /// <summary>
    /// Cuts the box into exactly <paramref name="count"/> boxes that tile it: a few rows of
    /// roughly square cells whose widths and heights vary a little, as real boundaries do.
    /// </summary>
    public IReadOnlyList<GeoRect> Split(int count, Random random)
    {
        var rows = Math.Clamp((int)Math.Round(Math.Sqrt(count * Height / (Width * LongitudeScale))), 1, count);
        var cellsPerRow = new int[rows];
        for (var i = 0; i < count; i++)
        {
            cellsPerRow[i % rows]++;
        }

        var rowEdges = Edges(South, North, cellsPerRow.Select(c => c * Jitter(random)).ToArray());
        var cells = new List<GeoRect>(count);
        for (var row = 0; row < rows; row++)
        {
            var columnEdges = Edges(West, East, Enumerable.Range(0, cellsPerRow[row]).Select(_ => Jitter(random)).ToArray());
            for (var column = 0; column < cellsPerRow[row]; column++)
            {
                cells.Add(Rounded(columnEdges[column], rowEdges[row], columnEdges[column + 1], rowEdges[row + 1]));
            }
        }
        return cells;
    }

    /// <summary>The closed ring, counter-clockwise from the south-west corner (RFC 7946 §3.1.6).</summary>
    public GeoPolygon ToPolygon() => new(
    [
        new GeoPoint(West, South), new GeoPoint(East, South), new GeoPoint(East, North),
        new GeoPoint(West, North), new GeoPoint(West, South),
    ]);

    private static double Jitter(Random random) => 0.75 + random.NextDouble() * 0.5;

    private static double[] Edges(double from, double to, double[] weights)
    {
        var total = weights.Sum();
        var edges = new double[weights.Length + 1];
        edges[0] = from;
        var run = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            run += weights[i];
            edges[i + 1] = i == weights.Length - 1 ? to : from + (to - from) * run / total;
        }
        return edges;
    }

    private static GeoRect Rounded(double west, double south, double east, double north) =>
        new(Math.Round(west, Decimals), Math.Round(south, Decimals), Math.Round(east, Decimals), Math.Round(north, Decimals));
}
