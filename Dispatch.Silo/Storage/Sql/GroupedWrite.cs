using System.Data.Common;

namespace Dispatch.Silo.Storage.Sql;

/// <summary>
/// One caller's share of a group commit: its work (one data-changing statement at most) runs inside the shared
/// transaction, and its caller hears the result only after the whole transaction committed.
/// </summary>
internal abstract class GroupedWrite
{
    public abstract CancellationToken CancellationToken { get; }

    /// <summary>Runs the work; a failure is kept for <see cref="Complete"/> and rethrown to the batch as false.</summary>
    public abstract Task<bool> RunAsync(DbConnection connection);

    /// <summary>The transaction committed: hand the caller its result (or its own failure).</summary>
    public abstract void Complete();

    /// <summary>The transaction did not commit: nothing this caller wrote is stored.</summary>
    public abstract void Fail(Exception exception);
}

/// <param name="resumeInline">
/// Whether the caller resumes on the thread that completes the write: only for a write that its own thread commits
/// (<see cref="ThreadCommittedWrites"/>). Otherwise callers continue on the thread pool, never inline on the writer loop.
/// </param>
internal sealed class GroupedWrite<T>(Func<DbConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken, bool resumeInline = false)
    : GroupedWrite
{
    private readonly TaskCompletionSource<T> _done = new(resumeInline ? TaskCreationOptions.None : TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;
    private Exception? _failure;

    public Task<T> Task => _done.Task;

    public override CancellationToken CancellationToken => cancellationToken;

    public override async Task<bool> RunAsync(DbConnection connection)
    {
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            _result = await work(connection, cancellationToken);
            return true;
        }
        catch (Exception e)
        {
            _failure = e;
            return false;
        }
    }

    public override void Complete()
    {
        if (_failure is OperationCanceledException)
        {
            _done.TrySetCanceled(cancellationToken);
        }
        else if (_failure is not null)
        {
            _done.TrySetException(_failure);
        }
        else
        {
            _done.TrySetResult(_result!);
        }
    }

    public override void Fail(Exception exception) => _done.TrySetException(exception);
}
