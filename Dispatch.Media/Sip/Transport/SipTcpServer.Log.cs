using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Dispatch.Media.Sip.Transport;

public sealed partial class SipTcpServer
{
    [LoggerMessage(Level = LogLevel.Information, Message = "SIP over TCP listening on {EndPoint}")]
    private partial void LogStarted(IPEndPoint endPoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SIP TCP stream from {Remote} cannot be framed (no or bad Content-Length, or too large); closing")]
    private partial void LogUnframeable(IPEndPoint remote);

    [LoggerMessage(Level = LogLevel.Debug, Message = "SIP TCP connection {Remote}: {Error}")]
    private partial void LogConnectionError(IPEndPoint remote, SocketError error);
}
