using Dispatch.Media.Sip.Messages;

namespace Dispatch.Media.Sip.Transactions.Internal;

/// <summary>
/// RFC 3261 §17.1.2 (figure 6).
/// <code>
///   Trying ──1xx──► Proceeding ──200-699──► Completed ──Timer K──► Terminated
///     Timer E: resend at T1, 2T1 ... capped at T2 (at T2 once Proceeding); Timer F: time out
/// </code>
/// </summary>
internal sealed class ClientNonInviteTransaction(ISipTransactionHost host, string id, SipRequest request, SipDestination remote)
    : ClientTransaction(host, id, request, remote)
{
    private TimeSpan _retransmitInterval;

    internal override void Start()
    {
        State = SipTransactionState.Trying;
        Send(Request);
        if (!Reliable)
        {
            _retransmitInterval = Timers.T1;
            StartTimer(SipTimer.E, _retransmitInterval);
        }
        StartTimer(SipTimer.F, Timers.TransactionTimeout);
    }

    internal override void OnResponse(SipResponse response)
    {
        if (State is not (SipTransactionState.Trying or SipTransactionState.Proceeding))
        {
            return; // Completed: retransmitted responses are absorbed
        }
        if (response.StatusCode < 200)
        {
            State = SipTransactionState.Proceeding;
            PassUp(response);
            return;
        }
        StopTimer(SipTimer.E);
        StopTimer(SipTimer.F);
        State = SipTransactionState.Completed;
        PassUp(response);
        WaitThenTerminate(SipTimer.K, Reliable ? TimeSpan.Zero : Timers.T4);
    }

    private protected override void OnTimer(SipTimer timer)
    {
        switch (timer)
        {
            case SipTimer.E:
                Send(Request);
                _retransmitInterval = State == SipTransactionState.Proceeding
                    ? Timers.T2
                    : TimeSpan.FromTicks(Math.Min((_retransmitInterval * 2).Ticks, Timers.T2.Ticks));
                StartTimer(SipTimer.E, _retransmitInterval);
                break;
            case SipTimer.F:
                TimeOut();
                break;
            case SipTimer.K:
                Terminate();
                break;
        }
    }
}
