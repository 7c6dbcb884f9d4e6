using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Dispatch.Silo.Storage.Sql;

/// <summary>
/// The single-node database: one file, <c>dispatch.db</c>, in the data folder, in WAL mode so readers never
/// wait for the writer. Writes to one file go through one gate per process, so concurrent grains queue in
/// memory instead of failing with SQLITE_BUSY; the busy timeout covers another process holding the file.
/// </summary>
internal sealed class SqliteDatabase : SqlDatabase
{
    public const string FileName = "dispatch.db";

    // Keyed by the full file path: two silos of one test process on the same file share a gate.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> WriteGates = new(StringComparer.Ordinal);

    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeGate;

    public SqliteDatabase(string dataFolder)
    {
        var folder = Path.GetFullPath(dataFolder);
        Directory.CreateDirectory(folder);
        FilePath = Path.Combine(folder, FileName);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _writeGate = WriteGates.GetOrAdd(FilePath, _ => new SemaphoreSlim(1, 1));
    }

    public string FilePath { get; }

    public override string Dialect => "sqlite";

    protected override async Task<T> SerializedWriteAsync<T>(
        Func<DbConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            return await base.SerializedWriteAsync(work, cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var pragmas = connection.CreateCommand();
            // WAL is stored in the file; synchronous=NORMAL in WAL mode loses nothing when the process is
            // killed (only an OS crash may lose the last commits).
            pragmas.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;";
            await pragmas.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
