namespace Dispatch.Media.WebRtc.Echo;

/// <summary>An offer the echo cannot answer; the message names the fault for the user (the hub passes it on).</summary>
public sealed class EchoOfferException(string message) : Exception(message);
