using Dispatch.Media.Sip.Messages;

namespace Dispatch.Media.Sip.Transactions.Internal;

/// <summary>
/// RFC 3261 §17.2.2 (figure 8).
/// <code>
///   Trying ──1xx──► Proceeding ──200-699──► Completed ──Timer J──► Terminated
///   (retransmissions: absorbed in Trying, answered with the last response afterwards)
/// </code>
/// In Completed over UDP the transaction holds its final response only as the bytes it sent: a REGISTER load keeps
/// tens of thousands of these for Timer J (32 s), and a byte array is about a sixth of the parsed response's size
/// and holds no references for the GC to trace.
/// </summary>
internal sealed class ServerNonInviteTransaction(ISipTransactionHost host, string id, SipRequest request, SipDestination remote)
    : ServerTransaction(host, id, request, remote)
{
    private byte[]? _finalResponse;

    internal void Start() => State = SipTransactionState.Trying;

    public override void Respond(SipResponse response)
    {
        if (State is not (SipTransactionState.Trying or SipTransactionState.Proceeding))
        {
            return;
        }
        if (response.StatusCode < 200)
        {
            SendResponse(response);
            State = SipTransactionState.Proceeding;
            return;
        }
        State = SipTransactionState.Completed;
        // §17.2.2: in Completed a retransmitted request is answered with the last response, nothing else is needed.
        ReleaseRequest();
        if (Reliable)
        {
            SendResponse(response); // Timer J is zero: the transaction ends now and keeps nothing
        }
        else
        {
            _finalResponse = response.ToBytes();
            LastResponse = null;
            Host.Send(response, Remote, _finalResponse);
        }
        WaitThenTerminate(SipTimer.J, Reliable ? TimeSpan.Zero : Timers.TransactionTimeout);
    }

    /// <summary>
    /// RFC 3261 §8.2.7, a stateless UAS: sends the final response and ends at once, keeping nothing for Timer J, so a
    /// retransmitted request is a new request and is answered anew. Only from Trying: a stateless UAS sends no
    /// provisional response. False (nothing sent) otherwise.
    /// </summary>
    internal bool TryRespondStatelessly(SipResponse response)
    {
        if (State != SipTransactionState.Trying || response.StatusCode < 200)
        {
            return false;
        }
        State = SipTransactionState.Completed;
        ReleaseRequest();
        LastResponse = null;
        Send(response);
        Terminate();
        return true;
    }

    internal override void OnRequest(SipRequest request)
    {
        if (State == SipTransactionState.Completed && _finalResponse is not null)
        {
            Host.SendBytes(_finalResponse, Remote);
        }
        else if (State is SipTransactionState.Proceeding or SipTransactionState.Completed && LastResponse is not null)
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
