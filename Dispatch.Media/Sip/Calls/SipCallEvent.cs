namespace Dispatch.Media.Sip.Calls;

/// <summary>One step of a call, for logs, the REST view of originated calls and tests.</summary>
/// <param name="StatusCode">The final status of the call when it ended (200 after a BYE), or the response that moved it.</param>
public sealed record SipCallEvent(SipCallInfo Call, SipCallState State, string Detail, DateTimeOffset At, int? StatusCode = null);
