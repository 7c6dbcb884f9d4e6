namespace Dispatch.Media.Sip.Transactions.Internal;

/// <summary>RFC 3261 table 4 timers, plus L and M from RFC 6026 §8.4 and §8.11.</summary>
internal enum SipTimer
{
    A, B, D, E, F, G, H, I, J, K, L, M,
}
