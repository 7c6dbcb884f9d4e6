using Dispatch.Media.Sip.Messages;
using Dispatch.Media.Sip.Transactions;

namespace Dispatch.Media.Sip.Calls.Internal;

/// <summary>
/// RFC 3261 §13.3.1.4: the UAS core resends a 2xx over unreliable transports at T1, doubling up to T2, until the
/// ACK arrives; after 64*T1 without it the session is ended with a BYE. Sent through the INVITE server transaction,
/// which RFC 6026 §7.1 keeps in Accepted for exactly this.
/// </summary>
internal sealed class TwoHundredRetransmission(ServerTransaction transaction, SipResponse response, SipTimerSettings timers, DateTimeOffset now)
{
    private TimeSpan _interval = timers.T1;

    public SipResponse Response { get; } = response;

    public long Sequence { get; } = response.CSeq?.Number ?? 0;

    public DateTimeOffset NextSend { get; private set; } = now + timers.T1;

    public DateTimeOffset GiveUpAt { get; } = now + timers.TransactionTimeout;

    public void Resend(DateTimeOffset now)
    {
        transaction.Respond(Response);
        _interval = _interval * 2 < timers.T2 ? _interval * 2 : timers.T2;
        NextSend = now + _interval;
    }
}
