using Dispatch.Media.Sip.Messages;
using Dispatch.Media.Sip.Transactions.Internal;

namespace Dispatch.Media.Sip.Transactions;

/// <summary>
/// The receiving side of a transaction (RFC 3261 §17.2). The transaction user answers through
/// <see cref="Respond"/>; retransmitted requests are absorbed and answered from the last response.
/// </summary>
public abstract class ServerTransaction : SipTransaction
{
    private protected ServerTransaction(ISipTransactionHost host, string id, SipRequest request, SipDestination remote)
        : base(host, id, request, remote)
    {
    }

    /// <summary>
    /// The last response sent; null before the first, and null again once a non-INVITE transaction over UDP has sent
    /// its final response, which it then keeps only as bytes (RFC 3261 §17.2.2 needs nothing more).
    /// </summary>
    public SipResponse? LastResponse { get; private protected set; }

    /// <summary>Sends a response through this transaction; ignored once the transaction may no longer respond.</summary>
    public abstract void Respond(SipResponse response);

    internal abstract void OnRequest(SipRequest request);

    private protected void SendResponse(SipResponse response)
    {
        LastResponse = response;
        Send(response);
    }
}
