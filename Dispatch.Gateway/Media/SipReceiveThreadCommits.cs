using Dispatch.Media.Sip.Transport;
using Dispatch.Silo.Storage.Sql;

namespace Dispatch.Gateway.Media;

/// <summary>
/// Where the silo runs in this process, the SIP UDP receive thread commits the bindings writes of its REGISTERs itself
/// (<see cref="ThreadCommittedWrites"/>): each burst of datagrams is saved in one SQLite transaction at the burst's end,
/// and the 200 OKs are sent by the same thread right after, with no hand-off to the group-commit writer and back
/// through the thread pool. A 200 still goes out only once its binding is committed.
/// </summary>
public sealed class SipReceiveThreadCommits : ISipReceiveThreadHooks
{
    private ThreadCommittedWrites? _writes;

    public void ThreadStarted() => _writes = ThreadCommittedWrites.AttachCurrentThread();

    public void BurstEnded() => _writes?.CommitQueued();
}
