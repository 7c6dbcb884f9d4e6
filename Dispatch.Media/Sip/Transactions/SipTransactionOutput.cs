using Dispatch.Media.Sip.Messages;

namespace Dispatch.Media.Sip.Transactions;

/// <summary>What the transaction layer asks of its host or tells its user, drained with <see cref="SipTransactionLayer.TryPollOutput"/>.</summary>
public abstract record SipTransactionOutput;

/// <summary>Put this message on the wire.</summary>
public sealed record SipSendMessage(SipMessage Message, SipDestination Destination) : SipTransactionOutput
{
    /// <summary>
    /// The message already serialised by the transaction (a final response it keeps as bytes for retransmissions),
    /// so the host sends these instead of writing the message again; null when the host serialises it.
    /// </summary>
    public byte[]? Serialized { get; init; }
}

/// <summary>
/// Put these bytes on the wire again: the final response a completed non-INVITE server transaction repeats for a
/// retransmitted request (RFC 3261 §17.2.2). The transaction keeps only these bytes, not the response object, for
/// as long as Timer J runs (32 s over UDP).
/// </summary>
public sealed record SipSendBytes(byte[] Bytes, SipDestination Destination) : SipTransactionOutput;

/// <summary>
/// A new request for the transaction user. <see cref="Transaction"/> is null for an ACK that matches no
/// transaction (the ACK for a 2xx, RFC 3261 §17.2.1 / RFC 6026 §8.7).
/// </summary>
public sealed record SipRequestReceived(ServerTransaction? Transaction, SipRequest Request, SipDestination Source) : SipTransactionOutput;

/// <summary>A response the client transaction passes up (RFC 3261 §17.1).</summary>
public sealed record SipResponseReceived(ClientTransaction Transaction, SipResponse Response) : SipTransactionOutput;

/// <summary>Timer B, F or H fired: the peer never answered, or never acknowledged (RFC 3261 §17.1.1.2, §17.1.2.2, §17.2.1).</summary>
public sealed record SipTransactionTimedOut(SipTransaction Transaction) : SipTransactionOutput;

public sealed record SipTransactionTerminated(SipTransaction Transaction) : SipTransactionOutput;
