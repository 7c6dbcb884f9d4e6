namespace Dispatch.Silo.Grid.Demo;

/// <summary>Spreads an exact total over bins at random, each bin between a floor and a ceiling.</summary>
internal static class CountSpread
{
    public static int[] Spread(int total, int bins, int min, int max, Random random)
    {
        if (total < bins * min || total > bins * max)
        {
            throw new ArgumentOutOfRangeException(nameof(total), $"{total} cannot fill {bins} bins of {min}..{max}");
        }
        var counts = Enumerable.Repeat(min, bins).ToArray();
        for (var left = total - bins * min; left > 0;)
        {
            var bin = random.Next(bins);
            if (counts[bin] < max)
            {
                counts[bin]++;
                left--;
            }
        }
        return counts;
    }
}
