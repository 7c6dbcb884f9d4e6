using Dispatch.Media.Sip.Messages;
using Dispatch.Media.Sip.Transactions.Internal;

namespace Dispatch.Media.Sip.Transactions;

/// <summary>
/// A transaction (RFC 3261 §17): one request, its responses, and the timers that retransmit or give up.
/// Timers are deadlines; the owning <see cref="SipTransactionLayer"/> fires them when its clock passes them.
/// </summary>
public abstract class SipTransaction
{
    private SipTimerTable _timers;
    private SipRequest? _request;

    private protected SipTransaction(ISipTransactionHost host, string id, SipRequest request, SipDestination remote)
    {
        Host = host;
        Id = id;
        _request = request;
        IsInvite = request.Method == "INVITE";
        Remote = remote;
    }

    /// <summary>The matching key: branch, sent-by and method (RFC 3261 §17.1.3, §17.2.3).</summary>
    public string Id { get; }

    /// <summary>
    /// The request that started the transaction; a non-INVITE server transaction lets go of it once its final
    /// response is sent (see <see cref="ReleaseRequest"/>), and reading it after that throws.
    /// </summary>
    public SipRequest Request => _request
        ?? throw new InvalidOperationException($"Transaction {Id} has sent its final response and no longer holds its request.");

    public SipDestination Remote { get; }

    public SipTransactionState State { get; private protected set; }

    public bool IsInvite { get; }

    private protected ISipTransactionHost Host { get; }

    private protected SipTimerSettings Timers => Host.Timers;

    private protected bool Reliable => Remote.IsReliable;

    internal DateTimeOffset? NextDeadline => _timers.TryPeekEarliest(out _, out var due) ? due : null;

    /// <summary>Whether a running timer is due at exactly <paramref name="due"/> (else the layer's entry for it is stale).</summary>
    internal bool HasTimerDueAt(DateTimeOffset due) => State != SipTransactionState.Terminated && _timers.HasDeadline(due);

    internal void FireDueTimers(DateTimeOffset now)
    {
        while (State != SipTransactionState.Terminated && _timers.TryPeekEarliest(out var timer, out var due))
        {
            if (due > now)
            {
                return;
            }
            _timers.Remove(timer);
            OnTimer(timer);
        }
    }

    private protected abstract void OnTimer(SipTimer timer);

    private protected void StartTimer(SipTimer timer, TimeSpan after)
    {
        var due = Host.Now + after;
        _timers.Set(timer, due);
        Host.OnTimerStarted(this, due);
    }

    private protected void StopTimer(SipTimer timer) => _timers.Remove(timer);

    /// <summary>
    /// For a transaction that from now on only repeats its last response: it keeps the key, the remote and that
    /// response, not the parsed request (about 4 KB), which would otherwise live as long as Timer J (32 s over UDP):
    /// under REGISTER load those requests were most of the live heap, and the GC's cost (docs/benchmarks.md).
    /// </summary>
    private protected void ReleaseRequest() => _request = null;

    private protected void Send(SipMessage message) => Host.Send(message, Remote);

    /// <summary>Enter a waiting state for <paramref name="wait"/>; a zero wait (reliable transport) terminates at once.</summary>
    private protected void WaitThenTerminate(SipTimer timer, TimeSpan wait)
    {
        if (wait <= TimeSpan.Zero)
        {
            Terminate();
        }
        else
        {
            StartTimer(timer, wait);
        }
    }

    private protected void Terminate()
    {
        if (State == SipTransactionState.Terminated)
        {
            return;
        }
        _timers.Clear();
        State = SipTransactionState.Terminated;
        Host.OnTerminated(this);
    }

    private protected void TimeOut()
    {
        Host.Emit(new SipTransactionTimedOut(this));
        Terminate();
    }

    public override string ToString() => $"{GetType().Name} {Id} {State}";
}
