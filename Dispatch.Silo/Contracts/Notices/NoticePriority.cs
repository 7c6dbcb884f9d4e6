namespace Dispatch.Contracts.Notices;

public enum NoticePriority
{
    /// <summary>普通.</summary>
    Normal,
    /// <summary>紧急: extreme weather, emergencies.</summary>
    Urgent,
}
