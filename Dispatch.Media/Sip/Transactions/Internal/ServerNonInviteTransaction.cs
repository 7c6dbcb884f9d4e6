using Dispatch.Media.Sip.Messages;

namespace Dispatch.Media.Sip.Transactions.Internal;

/// <summary>
/// RFC 3261 §17.2.2 (figure 8).
/// <code>
///   Trying ──1xx──► Proceeding ──200-699──► Completed ──Timer J──► Terminated
///   (retransmissions: absorbed in Trying, answered with the last response afterwards)
/// </code>
/// </summary>
internal sealed class ServerNonInviteTransaction(ISipTransactionHost host, string id, SipRequest request, SipDestination remote)
    : ServerTransaction(host, id, request, remote)
{
    internal void Start() => State = SipTransactionState.Trying;

    public override void Respond(SipResponse response)
    {
        if (State is not (SipTransactionState.Trying or SipTransactionState.Proceeding))
        {
            return;
        }
        SendResponse(response);
        if (response.StatusCode < 200)
        {
            State = SipTransactionState.Proceeding;
            return;
        }
        State = SipTransactionState.Completed;
        // §17.2.2: in Completed a retransmitted request is answered with the last response, nothing else is needed.
        ReleaseRequest();
        WaitThenTerminate(SipTimer.J, Reliable ? TimeSpan.Zero : Timers.TransactionTimeout);
    }

    internal override void OnRequest(SipRequest request)
    {
        if (State is SipTransactionState.Proceeding or SipTransactionState.Completed && LastResponse is not null)
        {
            Send(LastResponse);
        }
    }

    private protected override void OnTimer(SipTimer timer)
    {
        if (timer == SipTimer.J)
        {
            Terminate();
        }
    }
}
