namespace Dispatch.Gateway.Calls;

/// <summary>What StartCall returns: the call id, the server's SDP answer to the caller's offer, and the call as it stands.</summary>
/// <param name="Call">Ringing (and who rings: <see cref="CallView.Ringing"/>, <see cref="CallView.Fallback"/>), or already ended (busy, nobody reachable).</param>
public sealed record CallStartResult(string CallId, string SdpAnswer, CallView Call);
