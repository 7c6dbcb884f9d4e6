using Dispatch.Media.Sip.Transactions;

namespace Dispatch.Media.Sip.Server;

/// <summary>
/// A transaction user that keeps state across transactions and sends requests of its own (the B2BUA, RFC 3261
/// §6 "TU"). Unlike <see cref="SipServerOptions.Handler"/>, which answers one request with one response, it sees
/// every event of the transaction layer and is called under the host's one-at-a-time rule, on the core's clock.
/// <code>
///   validated request ─► OnRequest ──false──► registrar / minimal UAS
///   ACK (no transaction, RFC 6026 §8.7) ─► OnRequest
///   response to its client transactions ─► OnResponse      Timer B / F / H ─► OnTimedOut
///   host tick ─► OnTick (its own timers, work queued from other threads)
/// </code>
/// </summary>
public interface ISipTransactionUser
{
    /// <summary>Called once by the core that will deliver events; the user sends through it.</summary>
    void Attach(SipServerCore core);

    /// <summary>True when the user took the request (it answers through <paramref name="transaction"/> itself).</summary>
    bool OnRequest(ServerTransaction? transaction, SipRequestReceived received);

    void OnResponse(SipResponseReceived received);

    void OnTimedOut(SipTransaction transaction);

    /// <summary>The host's periodic tick, also after <see cref="SipServerCore.HandleTimeout"/>.</summary>
    void OnTick();
}
