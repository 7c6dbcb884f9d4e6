using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Dispatch.Gateway.Realtime;

/// <summary>
/// A hub protocol (JSON or MessagePack), plus a log line for every invocation it cannot bind (an unknown method, a
/// wrong number or type of arguments). SignalR answers those itself, before any hub filter runs, and
/// logs them only at debug level; a refused call must show in the log at the default level.
/// </summary>
internal sealed partial class BindingFailureLogging(IHubProtocol inner, ILogger<BindingFailureLogging> logger) : IHubProtocol
{
    public string Name => inner.Name;

    public int Version => inner.Version;

    public TransferFormat TransferFormat => inner.TransferFormat;

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message)
    {
        var parsed = inner.TryParseMessage(ref input, binder, out message);
        if (message is InvocationBindingFailureMessage failure)
        {
            LogBindingFailed(failure.Target, failure.BindingFailure.SourceException.Message);
        }
        return parsed;
    }

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => inner.WriteMessage(message, output);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => inner.GetMessageBytes(message);

    public bool IsVersionSupported(int version) => inner.IsVersionSupported(version);

    [LoggerMessage(LogLevel.Warning, "Hub invocation of '{Target}' refused: {Reason}")]
    private partial void LogBindingFailed(string target, string reason);
}
