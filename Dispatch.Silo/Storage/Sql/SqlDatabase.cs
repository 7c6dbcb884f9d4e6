using System.Data.Common;
using Dispatch.Silo.Storage.Schema;

namespace Dispatch.Silo.Storage.Sql;

/// <summary>
/// One database that grain state, reminders and membership share. The SQL the providers send is the same
/// for both dialects; a dialect only says how to open a connection, how writes are serialized and which
/// schema scripts to apply.
/// </summary>
/// <remarks>
/// Every read and write first makes sure the schema is in place, so the first caller (a silo starting,
/// a client asking for gateways) applies it and the others find it done.
/// </remarks>
internal abstract class SqlDatabase
{
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private volatile bool _schemaReady;

    /// <summary>The folder name of this dialect's scripts under Storage/Schema: "sqlite" or "postgres".</summary>
    public abstract string Dialect { get; }

    /// <summary>A statement run first in the schema transaction so that two processes do not migrate at once.</summary>
    public virtual string? SchemaLockStatement => null;

    public async Task<T> ReadAsync<T>(Func<DbConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        return await work(connection, cancellationToken);
    }

    public async Task<T> WriteAsync<T>(Func<DbConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        return await SerializedWriteAsync(work, cancellationToken);
    }

    /// <summary>
    /// A write that may share its transaction with other callers' writes (group commit). The work must be one
    /// data-changing statement at most (and any reads) on the connection it is given, never a transaction of its own; it
    /// completes once its transaction committed. Dialects without group commit run it like <see cref="WriteAsync{T}"/>.
    /// </summary>
    public virtual Task<T> WriteGroupedAsync<T>(Func<DbConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        WriteAsync(work, cancellationToken);

    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (_schemaReady)
        {
            return;
        }

        await _schemaGate.WaitAsync(cancellationToken);
        try
        {
            if (!_schemaReady)
            {
                await SerializedWriteAsync(
                    (connection, ct) => SchemaMigrator.ApplyAsync(connection, this, ct),
                    cancellationToken);
                _schemaReady = true;
            }
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    /// <summary>Runs a write on its own open connection; SQLite overrides this to let one writer in at a time.</summary>
    protected virtual async Task<T> SerializedWriteAsync<T>(
        Func<DbConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await work(connection, cancellationToken);
    }

    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);
}
