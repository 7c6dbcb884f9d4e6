using System.Globalization;

namespace Dispatch.LoadGen;

/// <summary>Nearest-rank percentiles of a set of durations, in milliseconds.</summary>
internal static class Percentiles
{
    public static string Describe(string name, IReadOnlyCollection<TimeSpan> samples)
    {
        if (samples.Count == 0)
        {
            return $"{name,-28} no samples";
        }
        var sorted = samples.Select(s => s.TotalMilliseconds).Order().ToArray();
        double At(double p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
        return string.Create(CultureInfo.InvariantCulture,
            $"{name,-28} n={sorted.Length,5}  min={sorted[0],8:F1} ms  p10={At(10),8:F1} ms  p50={At(50),8:F1} ms  p90={At(90),8:F1} ms  p99={At(99),8:F1} ms  max={sorted[^1],8:F1} ms");
    }
}
