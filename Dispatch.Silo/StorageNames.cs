namespace Dispatch.Silo;

/// <summary>Names under which grains find their storage provider and their state.</summary>
public static class StorageNames
{
    /// <summary>The grain storage provider every Dispatch grain uses (SQLite or PostgreSQL).</summary>
    public const string Provider = "dispatch";
}
