using System.Net;

namespace Dispatch.Media.Sip.Transactions;

/// <summary>
/// Where a message goes or came from, and whether the transport is reliable (TCP, TLS, WS): reliable
/// transports get no retransmissions and zero-length wait timers (RFC 3261 §17.1.1.2, §17.1.2.2).
/// </summary>
public sealed record SipDestination(EndPoint EndPoint, bool IsReliable);
