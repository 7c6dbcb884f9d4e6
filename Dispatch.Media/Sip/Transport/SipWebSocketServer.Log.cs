using System.Net;
using Microsoft.Extensions.Logging;

namespace Dispatch.Media.Sip.Transport;

public sealed partial class SipWebSocketServer
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "SIP WebSocket client {Remote} connected")]
    private partial void LogConnected(IPEndPoint remote);

    [LoggerMessage(Level = LogLevel.Debug, Message = "SIP WebSocket client {Remote} gone: {Reason}")]
    private partial void LogClosed(IPEndPoint remote, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SIP WebSocket message from {Remote} exceeds {Limit} bytes; closing with 1009")]
    private partial void LogTooLarge(IPEndPoint remote, int limit);

    [LoggerMessage(Level = LogLevel.Debug, Message = "SIP WebSocket message for {Remote} dropped: no such connection")]
    private partial void LogNoConnection(IPEndPoint remote);
}
