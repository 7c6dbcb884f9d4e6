using System.Net;
using Microsoft.Extensions.Logging;

namespace Dispatch.Media.Sip.Transport;

public sealed partial class SipCoreHost
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "SIP message from {Source} {Text}")]
    private partial void LogDropped(IPEndPoint source, string text);

    [LoggerMessage(Level = LogLevel.Debug, Message = "SIP request from {Source} {Text}")]
    private partial void LogAnswered(IPEndPoint source, string text);

    [LoggerMessage(Level = LogLevel.Error, Message = "SIP message from {Source} could not be processed; dropped")]
    private partial void LogProcessingFailed(Exception exception, IPEndPoint? source);
}
