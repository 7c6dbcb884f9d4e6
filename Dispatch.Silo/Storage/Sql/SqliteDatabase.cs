using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Dispatch.Silo.Storage.Sql;

/// <summary>
/// The single-node database: one file, <c>dispatch.db</c>, in the data folder, in WAL mode so readers never
/// wait for the writer. Writes to one file go through one gate per process, so concurrent grains queue in
/// memory instead of failing with SQLITE_BUSY; the busy timeout covers another process holding the file.
/// Grain state goes through <see cref="SqliteGroupCommit"/>: the writes queued while one transaction
/// commits share the next one.
/// </summary>
/// <remarks>
/// Durability (see docs/storage.md): a caller is answered only after its transaction committed. With
/// <see cref="SqliteSync.Normal"/> (WAL, synchronous=NORMAL) a committed transaction survives the process
/// being killed, not a power cut or OS crash; <see cref="SqliteSync.Full"/> syncs the WAL at every commit
/// and survives both, one fsync per group rather than per write.
/// </remarks>
internal sealed class SqliteDatabase : SqlDatabase, IAsyncDisposable
{
    public const string FileName = "dispatch.db";

    // Keyed by the full file path: two silos of one test process on the same file share a gate.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> WriteGates = new(StringComparer.Ordinal);

    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeGate;
    private readonly SqliteSync _sync;
    private readonly SqliteGroupCommit _groupCommit;

    public SqliteDatabase(string dataFolder, SqliteSync sync = SqliteSync.Normal)
    {
        var folder = Path.GetFullPath(dataFolder);
        Directory.CreateDirectory(folder);
        FilePath = Path.Combine(folder, FileName);
        _sync = sync;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _writeGate = WriteGates.GetOrAdd(FilePath, _ => new SemaphoreSlim(1, 1));
        _groupCommit = new SqliteGroupCommit(OpenWriterAsync, _writeGate);
    }

    public string FilePath { get; }

    public override string Dialect => "sqlite";

    /// <summary>Transactions the group-commit writer committed so far.</summary>
    public long GroupCommits => _groupCommit.Commits;

    public override async Task<T> WriteGroupedAsync<T>(
        Func<DbConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        return await _groupCommit.WriteAsync(work, cancellationToken);
    }

    protected override async Task<T> SerializedWriteAsync<T>(
        Func<DbConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenWriterAsync(cancellationToken);
            return await work(connection, cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>A reader needs no pragmas: WAL mode is stored in the file by the first writer (the schema).</summary>
    protected override Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        OpenWithAsync("PRAGMA busy_timeout=10000;", cancellationToken);

    private Task<DbConnection> OpenWriterAsync(CancellationToken cancellationToken) =>
        // synchronous is per connection and only matters where commits happen.
        OpenWithAsync(
            $"PRAGMA journal_mode=WAL; PRAGMA synchronous={(_sync == SqliteSync.Full ? "FULL" : "NORMAL")}; PRAGMA busy_timeout=10000;",
            cancellationToken);

    private async Task<DbConnection> OpenWithAsync(string pragmas, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _groupCommit.DisposeAsync();
}
