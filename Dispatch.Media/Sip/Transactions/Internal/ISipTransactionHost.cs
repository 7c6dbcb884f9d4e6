using Dispatch.Media.Sip.Messages;

namespace Dispatch.Media.Sip.Transactions.Internal;

/// <summary>What a transaction needs from the layer that owns it: the clock, timer values and an output queue.</summary>
internal interface ISipTransactionHost
{
    DateTimeOffset Now { get; }

    SipTimerSettings Timers { get; }

    /// <param name="serialized">The message's wire form when the transaction has already written it, else null.</param>
    void Send(SipMessage message, SipDestination destination, byte[]? serialized = null);

    /// <summary>Sends bytes the transaction kept instead of a message object (a repeated final response).</summary>
    void SendBytes(byte[] bytes, SipDestination destination);

    void Emit(SipTransactionOutput output);

    void OnTerminated(SipTransaction transaction);

    /// <summary>A timer of <paramref name="transaction"/> now runs until <paramref name="due"/>.</summary>
    void OnTimerStarted(SipTransaction transaction, DateTimeOffset due);
}
