namespace Dispatch.Media.Sip.Calls;

/// <summary>A call the server places to a worker's phones (calls and conferences use this).</summary>
/// <param name="User">The worker's number or SIP username.</param>
/// <param name="CallerName">The display name the phone shows.</param>
/// <param name="RingTimeout">How long to ring before giving up; the B2BUA's default when null.</param>
public sealed record SipOriginateRequest(string User, string CallerName = "Dispatch", TimeSpan? RingTimeout = null);
