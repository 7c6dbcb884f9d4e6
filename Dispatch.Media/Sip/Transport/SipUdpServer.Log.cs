using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Dispatch.Media.Sip.Transport;

public sealed partial class SipUdpServer
{
    [LoggerMessage(Level = LogLevel.Information, Message = "SIP over UDP listening on {EndPoint}")]
    private partial void LogStarted(IPEndPoint endPoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SIP UDP receive error {Error}; still listening")]
    private partial void LogReceiveError(SocketError error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SIP UDP datagram from {Source} not processed: {Reason}; still listening")]
    private partial void LogDatagramFailed(IPEndPoint source, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SIP UDP send to {Destination} failed: {Error}")]
    private partial void LogSendFailed(IPEndPoint destination, SocketError error);

    [LoggerMessage(Level = LogLevel.Error, Message = "The SIP UDP receive thread's hooks failed to start; receiving without them")]
    private partial void LogHooksFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The SIP UDP receive thread's end-of-burst work failed; still listening")]
    private partial void LogBurstEndFailed(Exception exception);
}
