namespace Dispatch.Media.Sip.Calls;

/// <summary>What the media hook and call events know about a call.</summary>
/// <param name="CallId">The B2BUA's id for the call, also the Call-ID of every leg toward the callee.</param>
/// <param name="User">The Request-URI user (the worker's number or SIP username).</param>
/// <param name="WorkerId">The worker, once the user was resolved.</param>
/// <param name="Originated">True when the server itself placed the call (no caller leg).</param>
public sealed record SipCallInfo(string CallId, string User, string? WorkerId, bool Originated);
