namespace Dispatch.Silo.Tasks;

/// <summary>
/// The <c>Dispatch:Tasks</c> configuration section: the category list with the deadline of each level,
/// and how long an assignment may wait for acceptance before it is pushed again (once) and then escalated.
/// Categories are keyed by code, so configuration adds categories or overrides the defaults' deadlines.
/// </summary>
public sealed class TaskOptions
{
    public const string Section = "Dispatch:Tasks";

    public Dictionary<string, TaskCategoryOptions> Categories { get; set; } = new(StringComparer.Ordinal)
    {
        ["illegal_construction"] = new() { Name = "违法建设", Grid = TimeSpan.FromHours(24), Community = TimeSpan.FromHours(48), Town = TimeSpan.FromHours(72), City = TimeSpan.FromHours(168) },
        ["ebike_charging"] = new() { Name = "电动车违规充电", Grid = TimeSpan.FromHours(4), Community = TimeSpan.FromHours(8), Town = TimeSpan.FromHours(24), City = TimeSpan.FromHours(48) },
        ["fire_lane"] = new() { Name = "消防通道堵塞", Grid = TimeSpan.FromHours(2), Community = TimeSpan.FromHours(4), Town = TimeSpan.FromHours(12), City = TimeSpan.FromHours(24) },
        ["road_damage"] = new() { Name = "道路坑洼", Grid = TimeSpan.FromHours(48), Community = TimeSpan.FromHours(72), Town = TimeSpan.FromHours(120), City = TimeSpan.FromHours(240) },
        ["safety_hazard"] = new() { Name = "安全隐患", Grid = TimeSpan.FromHours(8), Community = TimeSpan.FromHours(24), Town = TimeSpan.FromHours(48), City = TimeSpan.FromHours(72) },
        ["resident_appeal"] = new() { Name = "群众诉求", Grid = TimeSpan.FromHours(24), Community = TimeSpan.FromHours(48), Town = TimeSpan.FromHours(72), City = TimeSpan.FromHours(120) },
        ["other"] = new() { Name = "其他", Grid = TimeSpan.FromHours(72), Community = TimeSpan.FromHours(96), Town = TimeSpan.FromHours(120), City = TimeSpan.FromHours(240) },
    };

    /// <summary>How long an assignment waits to be accepted before it is pushed again; the same again and it escalates.</summary>
    public TimeSpan AcceptWindow { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// The period of the deadline reminder: how late at most an overdue check fires after a restart. Orleans
    /// refuses periods below its MinimumReminderPeriod (one minute unless configured).
    /// </summary>
    public TimeSpan CheckPeriod { get; set; } = TimeSpan.FromMinutes(1);
}
