using System.Data.Common;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Dispatch.Silo.Storage.Sql;

/// <summary>
/// The single writer of one SQLite file: it takes every write queued while the previous transaction was
/// committing and commits them together, so a broadcast that saves thousands of grains pays for a few
/// dozen commits instead of one per grain.
/// <code>
///   callers ──► queue ──► writer: BEGIN IMMEDIATE; work×n; COMMIT ──► callers resume
/// </code>
/// A caller resumes only after the transaction holding its write committed, so what a caller was told is
/// saved is as durable as a write committed alone. Each work changes data with one statement at most, and
/// SQLite undoes a failed statement by itself (sqlite.org/lang_conflict.html, ABORT), so one caller's failure
/// leaves the others' writes in the transaction. (A savepoint per write did the same for any work, and was
/// two of every three statements the writer ran.)
/// </summary>
internal sealed class SqliteGroupCommit : IAsyncDisposable
{
    /// <summary>Bounds how long one transaction holds the write lock (and the first caller waits).</summary>
    public const int MaxWritesPerCommit = 512;

    private readonly Channel<GroupedWrite> _queue = Channel.CreateUnbounded<GroupedWrite>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<CancellationToken, Task<DbConnection>> _openWriter;
    private readonly SemaphoreSlim _fileGate;
    private readonly Task _writer;
    private DbConnection? _connection;
    private long _commits;
    private volatile bool _closed;

    /// <param name="openWriter">Opens a connection with the writer's pragmas.</param>
    /// <param name="fileGate">Shared by every writer of the same file in this process.</param>
    public SqliteGroupCommit(Func<CancellationToken, Task<DbConnection>> openWriter, SemaphoreSlim fileGate)
    {
        _openWriter = openWriter;
        _fileGate = fileGate;
        _writer = Task.Run(WriteLoop);
    }

    /// <summary>How many transactions the writer committed: lets tests see that writes were grouped.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Queues the work; the task completes once the transaction holding it committed.</summary>
    /// <param name="work">Changes data with one statement at most (reads are free).</param>
    /// <remarks>On a thread attached to <see cref="ThreadCommittedWrites"/> the write waits there for that thread to commit it.</remarks>
    public Task<T> WriteAsync<T>(Func<DbConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        if (_closed)
        {
            throw Closed();
        }
        if (ThreadCommittedWrites.IsAttached)
        {
            var own = new GroupedWrite<T>(work, cancellationToken, resumeInline: true);
            ThreadCommittedWrites.TryQueue(this, own);
            return own.Task;
        }
        var write = new GroupedWrite<T>(work, cancellationToken);
        if (!_queue.Writer.TryWrite(write))
        {
            throw Closed();
        }
        return write.Task;
    }

    /// <summary>
    /// Commits the writes a <see cref="ThreadCommittedWrites"/> thread queued, on that thread, in one transaction, and
    /// then completes them there (their callers resume inline). Waits for the file while another writer holds it.
    /// </summary>
    internal void CommitHere(List<GroupedWrite> batch)
    {
        Exception? failure = null;
        _fileGate.Wait();
        try
        {
            if (_closed)
            {
                failure = Closed();
            }
            else
            {
                // SQLite runs every step synchronously, so this task has completed; if a step ever did wait, this
                // dedicated thread would wait for it, which blocks no one else.
                CommitAsync(batch).GetAwaiter().GetResult();
                Interlocked.Increment(ref _commits);
            }
        }
#pragma warning disable CA1031 // Every caller in the batch hears the failure; none is lost.
        catch (Exception e)
#pragma warning restore CA1031
        {
            failure = e;
            CloseAsync().GetAwaiter().GetResult();
        }
        finally
        {
            _fileGate.Release();
        }
        // Outside the file gate: the callers resume here and may queue writes of their own.
        foreach (var write in batch)
        {
            if (failure is null)
            {
                write.Complete();
            }
            else
            {
                write.Fail(failure);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
        await _fileGate.WaitAsync();
        try
        {
            // After the writer ended, under the gate, so that no CommitHere opens the connection again.
            _closed = true;
            await CloseAsync();
        }
        finally
        {
            _fileGate.Release();
        }
    }

    private static ObjectDisposedException Closed() =>
        new(nameof(SqliteGroupCommit), "The database is closed; nothing was written.");

    private async Task WriteLoop()
    {
        var batch = new List<GroupedWrite>(MaxWritesPerCommit);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxWritesPerCommit && _queue.Reader.TryRead(out var write))
            {
                batch.Add(write);
            }
            await _fileGate.WaitAsync();
            try
            {
                await CommitAsync(batch);
                Interlocked.Increment(ref _commits);
                foreach (var write in batch)
                {
                    write.Complete();
                }
            }
            catch (Exception e)
            {
                foreach (var write in batch)
                {
                    write.Fail(e);
                }
                await CloseAsync();
            }
            finally
            {
                _fileGate.Release();
                batch.Clear();
            }
        }
        await CloseAsync();
    }

    private async Task CommitAsync(List<GroupedWrite> batch)
    {
        var connection = _connection ??= await _openWriter(CancellationToken.None);
        // IMMEDIATE takes the write lock now, so no statement inside can fail with SQLITE_BUSY halfway.
        await ExecuteAsync(connection, "BEGIN IMMEDIATE");
        try
        {
            foreach (var write in batch)
            {
                if (!await write.RunAsync(connection) && !InTransaction(connection))
                {
                    // An error that ended the whole transaction (disk full, I/O): the writes after it would
                    // commit one by one, unseen by the batch. Fail the batch instead.
                    throw new InvalidOperationException("A write failed and SQLite rolled back the whole group; nothing of it was stored.");
                }
            }
            await ExecuteAsync(connection, "COMMIT");
        }
        catch
        {
            try
            {
                await ExecuteAsync(connection, "ROLLBACK");
            }
            catch (DbException)
            {
                // SQLite may have rolled back by itself (I/O error, disk full); the connection is reopened.
            }
            throw;
        }
    }

    /// <summary>False once SQLite ended the transaction by itself (sqlite.org/c3ref/get_autocommit.html).</summary>
    private static bool InTransaction(DbConnection connection) =>
        connection is not SqliteConnection sqlite || SQLitePCL.raw.sqlite3_get_autocommit(sqlite.Handle) == 0;

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private async Task CloseAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }
}
