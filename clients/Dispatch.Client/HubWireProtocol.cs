namespace Dispatch.Client;

/// <summary>How hub messages are encoded; the server speaks both and the client picks in the SignalR handshake.</summary>
public enum HubWireProtocol { Json, MessagePack }
