using Dispatch.Contracts.Org;
using Dispatch.Contracts.Tasks;

namespace Dispatch.Silo.Tasks;

/// <summary>
/// The task figures of one unit and period, over the tasks created in [from, to) whose place lies in the
/// unit's subtree. "Resolved" means a result was reported and not sent back for rework; on time means
/// resolved before the deadline of its level with no deadline missed on the way; a micro-grid counts as its grid.
/// </summary>
public sealed record TaskStatistics(
    int Tasks,
    IReadOnlyDictionary<TaskStage, int> ByStage,
    int Resolved,
    double? OnTimeRate,
    IReadOnlyDictionary<OrgLevel, double> ResolvedShareByLevel,
    int Rated,
    double? AverageSatisfaction,
    double? SatisfiedShare)
{
    /// <summary>A rating of 4 or 5 of 5 counts as satisfied (满意).</summary>
    public const int SatisfiedFrom = 4;

    public static TaskStatistics Compute(IEnumerable<TaskSummary> all, string unitCode, DateTimeOffset from, DateTimeOffset to)
    {
        var tasks = all.Where(t => t.PlacePath.Contains(unitCode) && t.CreatedAt >= from && t.CreatedAt < to).ToArray();
        var resolved = tasks.Where(t => t.ResolvedLevel is not null).ToArray();
        var rated = tasks.Where(t => t.Satisfaction is not null).Select(t => t.Satisfaction!.Value).ToArray();
        var levels = new[] { OrgLevel.Grid, OrgLevel.Community, OrgLevel.Town, OrgLevel.City };
        return new TaskStatistics(
            tasks.Length,
            Enum.GetValues<TaskStage>().ToDictionary(s => s, s => tasks.Count(t => t.Stage == s)),
            resolved.Length,
            resolved.Length == 0 ? null : (double)resolved.Count(t => t.ResolvedOnTime == true) / resolved.Length,
            levels.ToDictionary(l => l, l => resolved.Length == 0 ? 0 : (double)resolved.Count(t => Level(t.ResolvedLevel!.Value) == l) / resolved.Length),
            rated.Length,
            rated.Length == 0 ? null : rated.Average(),
            rated.Length == 0 ? null : (double)rated.Count(r => r >= SatisfiedFrom) / rated.Length);
    }

    private static OrgLevel Level(OrgLevel level) => level == OrgLevel.MicroGrid ? OrgLevel.Grid : level;
}
