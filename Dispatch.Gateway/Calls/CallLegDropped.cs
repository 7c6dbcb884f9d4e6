namespace Dispatch.Gateway.Calls;

/// <param name="Reason">For people and logs, e.g. "consent expired: no STUN response for 30 s" (RFC 7675 §5.1).</param>
public sealed record CallLegDropped(string CallId, string LegId, string Reason);
