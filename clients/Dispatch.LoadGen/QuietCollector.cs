using System.Runtime;

namespace Dispatch.LoadGen;

/// <summary>
/// Keeps this process's garbage collector from running while a push is measured. One load generator stands for
/// thousands of phones: each of its collections stops every simulated device at once, and with it the clock of
/// every delivery still in flight. Real phones collect each on its own. Measured with the collector running as
/// usual, the load generator paused itself 55–245 ms in the middle of a 5,000-worker push, which the delivery
/// p99 then counted as the gateway's (docs/realtime.md, "The load generator's own collections").
/// <para>
/// Uses the runtime's no-GC region (<see cref="GC.TryStartNoGCRegion(long)"/>): it reserves the budget up front
/// and ends by itself, with a collection, if the budget runs out; <see cref="Outcome"/> says which happened.
/// </para>
/// </summary>
internal sealed class QuietCollector : IDisposable
{
    /// <summary>A 5,000-worker push allocates well under this in the load generator until its last delivery.</summary>
    private const long Budget = 192L * 1024 * 1024;

    private readonly long _reserved;

    private QuietCollector(long reserved) => _reserved = reserved;

    /// <summary>Starts the quiet window with the largest budget the runtime grants, halving from <see cref="Budget"/>.</summary>
    public static QuietCollector Start()
    {
        for (var budget = Budget; budget >= 16L * 1024 * 1024; budget /= 2)
        {
            try
            {
                if (GC.TryStartNoGCRegion(budget))
                {
                    return new QuietCollector(budget);
                }
            }
            catch (ArgumentOutOfRangeException)
            {
                // More than this runtime's ephemeral space allows: try half.
            }
            catch (InvalidOperationException)
            {
                // Already in a no-GC region (should not happen): measure without one.
                break;
            }
        }
        return new QuietCollector(0);
    }

    /// <summary>Whether the window held so far: false when no budget was granted or it ran out (a collection ran).</summary>
    public bool Holding => _reserved > 0 && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion;

    /// <summary>For the report: the budget and whether it held.</summary>
    public string Outcome => _reserved == 0
        ? "the runtime granted no no-GC budget"
        : Holding
            ? $"collector held off ({_reserved / 1048576} MiB budget)"
            : $"the {_reserved / 1048576} MiB no-GC budget ran out, a collection ran";

    public void Dispose()
    {
        if (Holding)
        {
            GC.EndNoGCRegion();
        }
    }
}
