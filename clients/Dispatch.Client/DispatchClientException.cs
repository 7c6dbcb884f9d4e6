namespace Dispatch.Client;

public sealed class DispatchClientException(string message) : Exception(message);
