using System.Data.Common;
using Npgsql;

namespace Dispatch.Silo.Storage.Sql;

/// <summary>The cluster database: PostgreSQL through one pooled Npgsql data source per process.</summary>
internal sealed class PostgresDatabase : SqlDatabase, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresDatabase(string connectionString)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
    }

    public override string Dialect => "postgres";

    // A transaction-scoped advisory lock: silos starting together migrate one after the other.
    public override string? SchemaLockStatement => "SELECT pg_advisory_xact_lock(hashtext('dispatch_schema'))";

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
