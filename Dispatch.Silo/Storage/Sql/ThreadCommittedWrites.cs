namespace Dispatch.Silo.Storage.Sql;

/// <summary>
/// Lets one dedicated thread commit the grouped writes it queued itself. Once a thread is attached, a grouped SQLite
/// write made on it is not handed to the group-commit writer: it waits in this list until the thread calls
/// <see cref="CommitQueued"/>, which commits them in one transaction right there and resumes their callers inline,
/// on the same thread.
/// <code>
///   attached thread: request ─► write queued here ─► … more requests … ─► CommitQueued: BEGIN; work×n; COMMIT ─► callers resume here
/// </code>
/// The SIP UDP receive thread uses it (docs/sip.md): the REGISTERs of one receive burst are saved in one transaction
/// and answered by the thread that read them, with no hand-off to the writer and none back to the thread pool
/// (those hand-offs cost more CPU than the write itself, docs/benchmarks.md).
/// </summary>
/// <remarks>
/// The attached thread must call <see cref="CommitQueued"/> before it waits for anything else (its next input): a
/// caller whose write is queued here is not answered until then. It must never block on such a write's task either.
/// A thread-pool thread cannot be attached: its next work item would not know to commit.
/// </remarks>
public sealed class ThreadCommittedWrites
{
    [ThreadStatic]
    private static ThreadCommittedWrites? t_attached;

    private readonly Thread _owner = Thread.CurrentThread;
    private List<(SqliteGroupCommit Commit, GroupedWrite Write)> _queued = [];
    private List<(SqliteGroupCommit Commit, GroupedWrite Write)> _committing = [];
    private readonly List<GroupedWrite> _batch = [];

    private ThreadCommittedWrites()
    {
    }

    /// <summary>Attaches the calling thread (once; later calls return the same instance).</summary>
    public static ThreadCommittedWrites AttachCurrentThread()
    {
        if (Thread.CurrentThread.IsThreadPoolThread)
        {
            throw new InvalidOperationException("A thread-pool thread cannot commit its own writes: nothing would make it commit them.");
        }
        return t_attached ??= new ThreadCommittedWrites();
    }

    /// <summary>Writes queued on this thread and not yet committed.</summary>
    public int Queued => _queued.Count;

    /// <summary>Queues the write if the calling thread is attached.</summary>
    internal static bool TryQueue(SqliteGroupCommit commit, GroupedWrite write)
    {
        if (t_attached is not { } attached)
        {
            return false;
        }
        attached._queued.Add((commit, write));
        return true;
    }

    /// <summary>True when writes queued by the calling thread complete inline on it.</summary>
    internal static bool IsAttached => t_attached is not null;

    /// <summary>
    /// Commits everything queued (one transaction per database, normally one) and resumes each caller here. Callers
    /// that queue new writes as they resume (a retried compare-and-set) are committed in a further round.
    /// </summary>
    public void CommitQueued()
    {
        if (Thread.CurrentThread != _owner)
        {
            throw new InvalidOperationException("Only the attached thread commits its queued writes.");
        }
        while (_queued.Count > 0)
        {
            (_queued, _committing) = (_committing, _queued);
            while (_committing.Count > 0)
            {
                var commit = _committing[0].Commit;
                _batch.Clear();
                _committing.RemoveAll(queued =>
                {
                    if (queued.Commit != commit)
                    {
                        return false;
                    }
                    _batch.Add(queued.Write);
                    return true;
                });
                commit.CommitHere(_batch);
            }
        }
    }
}
