using Dispatch.Media.Sip.Messages;

namespace Dispatch.Media.Sip.Transactions.Internal;

/// <summary>
/// RFC 3261 §17.2.1 (figure 7) as updated by RFC 6026 §7.1 (Accepted state, Timer L).
/// <code>
///   Proceeding ──2xx──► Accepted ──Timer L──► Terminated
///       │ 100 Trying at once
///       └──300-699──► Completed ──ACK──► Confirmed ──Timer I──► Terminated
///                       Timer G: resend final, doubling to T2; Timer H: no ACK, time out
/// </code>
/// </summary>
internal sealed class ServerInviteTransaction(ISipTransactionHost host, string id, SipRequest request, SipDestination remote)
    : ServerTransaction(host, id, request, remote)
{
    private TimeSpan _retransmitInterval;

    internal void Start()
    {
        State = SipTransactionState.Proceeding;
        // §17.2.1: send 100 Trying unless the TU answers within 200 ms; sending it at once is always allowed.
        SendResponse(Request.CreateResponse(100));
    }

    public override void Respond(SipResponse response)
    {
        switch (State)
        {
            case SipTransactionState.Proceeding when response.StatusCode < 200:
                SendResponse(response);
                break;
            case SipTransactionState.Proceeding when response.StatusCode < 300:
                SendResponse(response);
                State = SipTransactionState.Accepted;
                StartTimer(SipTimer.L, Timers.TransactionTimeout);
                break;
            case SipTransactionState.Proceeding:
                SendResponse(response);
                State = SipTransactionState.Completed;
                if (!Reliable)
                {
                    _retransmitInterval = Timers.T1;
                    StartTimer(SipTimer.G, _retransmitInterval);
                }
                StartTimer(SipTimer.H, Timers.TransactionTimeout);
                break;
            case SipTransactionState.Accepted when response.StatusCode is >= 200 and < 300:
                SendResponse(response); // RFC 6026 §7.1: the TU's 2xx retransmissions go out through the transaction
                break;
        }
    }

    internal override void OnRequest(SipRequest request)
    {
        if (request.Method == "ACK")
        {
            if (State == SipTransactionState.Completed)
            {
                StopTimer(SipTimer.G);
                StopTimer(SipTimer.H);
                State = SipTransactionState.Confirmed;
                WaitThenTerminate(SipTimer.I, Reliable ? TimeSpan.Zero : Timers.T4);
            }
            else if (State == SipTransactionState.Accepted)
            {
                Host.Emit(new SipRequestReceived(this, request, Remote)); // RFC 6026 §8.7
            }
            return;
        }
        // A retransmitted INVITE: resend the last provisional or final response; absorbed when Accepted.
        if (State is SipTransactionState.Proceeding or SipTransactionState.Completed && LastResponse is not null)
        {
            Send(LastResponse);
        }
    }

    private protected override void OnTimer(SipTimer timer)
    {
        switch (timer)
        {
            case SipTimer.G:
                Send(LastResponse!);
                _retransmitInterval = TimeSpan.FromTicks(Math.Min((_retransmitInterval * 2).Ticks, Timers.T2.Ticks));
                StartTimer(SipTimer.G, _retransmitInterval);
                break;
            case SipTimer.H:
                TimeOut();
                break;
            case SipTimer.I or SipTimer.L:
                Terminate();
                break;
        }
    }
}
