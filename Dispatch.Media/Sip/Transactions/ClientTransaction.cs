using Dispatch.Media.Sip.Messages;
using Dispatch.Media.Sip.Transactions.Internal;

namespace Dispatch.Media.Sip.Transactions;

/// <summary>The sending side of a transaction (RFC 3261 §17.1). Created by <see cref="SipTransactionLayer.SendRequest"/>.</summary>
public abstract class ClientTransaction : SipTransaction
{
    private protected ClientTransaction(ISipTransactionHost host, string id, SipRequest request, SipDestination remote)
        : base(host, id, request, remote)
    {
    }

    /// <summary>The last response passed up, if any.</summary>
    public SipResponse? LastResponse { get; private protected set; }

    internal abstract void Start();

    internal abstract void OnResponse(SipResponse response);

    private protected void PassUp(SipResponse response)
    {
        LastResponse = response;
        Host.Emit(new SipResponseReceived(this, response));
    }
}
