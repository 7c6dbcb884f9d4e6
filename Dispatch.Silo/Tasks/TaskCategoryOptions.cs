using Dispatch.Contracts.Org;

namespace Dispatch.Silo.Tasks;

/// <summary>One category (类别) of task and how long each level has to resolve it.</summary>
public sealed class TaskCategoryOptions
{
    /// <summary>The label shown to users (zh-CN).</summary>
    public string Name { get; set; } = "";

    public TimeSpan Grid { get; set; } = TimeSpan.FromHours(24);

    public TimeSpan Community { get; set; } = TimeSpan.FromHours(48);

    public TimeSpan Town { get; set; } = TimeSpan.FromHours(72);

    public TimeSpan City { get; set; } = TimeSpan.FromHours(120);

    /// <summary>A micro-grid works to its grid's deadline.</summary>
    public TimeSpan DeadlineAt(OrgLevel level) => level switch
    {
        OrgLevel.City => City,
        OrgLevel.Town => Town,
        OrgLevel.Community => Community,
        _ => Grid,
    };
}
