namespace Dispatch.Gateway.Calls;

/// <summary>The media plane refused a request; the message names the fault so the hub can pass it on.</summary>
public sealed class CallMediaException(string message, Exception? inner = null) : Exception(message, inner);
