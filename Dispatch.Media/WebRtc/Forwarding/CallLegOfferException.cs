namespace Dispatch.Media.WebRtc.Forwarding;

/// <summary>An offer a call leg cannot answer; the message names the fault (signalling passes it on to the user).</summary>
public sealed class CallLegOfferException(string message) : Exception(message);
