using Dispatch.Media.Sip.Messages;

namespace Dispatch.Media.Sip.Transactions.Internal;

/// <summary>
/// RFC 3261 §17.1.1 (figure 5) with RFC 6026 §7.2 (Accepted instead of terminating on 2xx).
/// <code>
///   Calling ──1xx──► Proceeding ──2xx──► Accepted ──Timer M──► Terminated
///      │  Timer A: resend, doubling    └─300-699─► Completed (ACK) ──Timer D──► Terminated
///      └─Timer B: time out
/// </code>
/// </summary>
internal sealed class ClientInviteTransaction(ISipTransactionHost host, string id, SipRequest request, SipDestination remote)
    : ClientTransaction(host, id, request, remote)
{
    private TimeSpan _retransmitInterval;
    private SipRequest? _ack;

    internal override void Start()
    {
        State = SipTransactionState.Calling;
        Send(Request);
        if (!Reliable)
        {
            _retransmitInterval = Timers.T1;
            StartTimer(SipTimer.A, _retransmitInterval);
        }
        StartTimer(SipTimer.B, Timers.TransactionTimeout);
    }

    internal override void OnResponse(SipResponse response)
    {
        switch (State)
        {
            case SipTransactionState.Calling or SipTransactionState.Proceeding:
                StopTimer(SipTimer.A);
                StopTimer(SipTimer.B);
                if (response.StatusCode < 200)
                {
                    State = SipTransactionState.Proceeding;
                }
                else if (response.StatusCode < 300)
                {
                    // RFC 6026 §7.2: stay to pass 2xx retransmissions up; the TU sends the ACK for 2xx.
                    State = SipTransactionState.Accepted;
                    StartTimer(SipTimer.M, Timers.TransactionTimeout);
                }
                else
                {
                    State = SipTransactionState.Completed;
                    _ack = AckForFailure.Build(Request, response);
                    Send(_ack);
                    WaitThenTerminate(SipTimer.D, Reliable ? TimeSpan.Zero : Timers.TimerD);
                }
                PassUp(response);
                break;
            case SipTransactionState.Accepted when response.StatusCode is >= 200 and < 300:
                PassUp(response);
                break;
            case SipTransactionState.Completed when response.StatusCode >= 300 && _ack is not null:
                Send(_ack); // §17.1.1.2: a retransmitted final response is acknowledged again, not passed up
                break;
        }
    }

    private protected override void OnTimer(SipTimer timer)
    {
        switch (timer)
        {
            case SipTimer.A:
                Send(Request);
                _retransmitInterval *= 2;
                StartTimer(SipTimer.A, _retransmitInterval);
                break;
            case SipTimer.B:
                TimeOut();
                break;
            case SipTimer.D or SipTimer.M:
                Terminate();
                break;
        }
    }
}
