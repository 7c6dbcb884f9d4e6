namespace Dispatch.Silo.Storage.Sql;

/// <summary>
/// SQLite's <c>synchronous</c> setting for commits in WAL mode (https://sqlite.org/pragma.html#pragma_synchronous).
/// </summary>
public enum SqliteSync
{
    /// <summary>No fsync at commit: a commit survives the process being killed, not a power cut or OS crash.</summary>
    Normal,

    /// <summary>The WAL is synced at every commit: a commit survives a power cut too.</summary>
    Full,
}
