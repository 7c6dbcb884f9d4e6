using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using Dispatch.Media.Sip.Messages;
using Dispatch.Media.Sip.Server;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dispatch.Media.Sip.Transport;

/// <summary>
/// SIP over WebSocket (RFC 7118) around <see cref="SipServerCore"/> (through <see cref="SipCoreHost"/>). The web
/// host accepts the upgrade with subprotocol "sip" (§4.1) and hands the socket to <see cref="ServeAsync"/>; from
/// then on each WebSocket message carries exactly one SIP message (§5.1, so no Content-Length framing), text or
/// binary, and every response or request for the client goes back over the same connection (§5.2: a WS client
/// cannot be reached any other way; its Contact host is usually a made-up <c>.invalid</c> name).
/// <code>
///   WebSocket message ─► core.OnStreamMessage(remote) ─► response ─► per-connection send queue ─► same WebSocket
/// </code>
/// A message over the size limit closes the connection with 1009 (RFC 6455 §7.4.1); others are untouched.
/// </summary>
public sealed partial class SipWebSocketServer : IAsyncDisposable
{
    /// <summary>The WebSocket subprotocol of RFC 7118 §4.1.</summary>
    public const string SubProtocol = "sip";

    private readonly SipCoreHost _host;
    private readonly SipParserOptions _parser;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<IPEndPoint, SipWebSocketConnection> _connections = new();

    public SipWebSocketServer(TimeProvider time, SipServerOptions? options = null, ILogger<SipWebSocketServer>? logger = null)
    {
        _parser = options?.Parser ?? SipParserOptions.Default;
        _logger = logger ?? NullLogger<SipWebSocketServer>.Instance;
        // Frames are queued per connection and sent later: each needs an array of its own, not a pooled one.
        _host = new SipCoreHost(time, options is null ? null : options with { PooledDatagrams = false }, Send, _logger);
    }

    public int ConnectionCount => _connections.Count;

    public void Start() => _host.Start();

    /// <summary>
    /// Runs one accepted connection until the client closes it or the server stops. <paramref name="remote"/> is
    /// the TCP peer of the WebSocket: Via received/rport name it, and it is the connection's key for sending.
    /// </summary>
    public async Task ServeAsync(WebSocket socket, IPEndPoint remote, CancellationToken aborted)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(aborted, _host.Stopping);
        var connection = new SipWebSocketConnection(socket);
        _connections[remote] = connection;
        var writer = connection.WriteLoopAsync(stop.Token);
        LogConnected(remote);
        try
        {
            await ReadLoopAsync(connection, remote, stop.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            LogClosed(remote, e.Message);
        }
        finally
        {
            _connections.TryRemove(new KeyValuePair<IPEndPoint, SipWebSocketConnection>(remote, connection));
            connection.Complete();
            await writer;
        }
    }

    private async Task ReadLoopAsync(SipWebSocketConnection connection, IPEndPoint remote, CancellationToken stop)
    {
        var socket = connection.Socket;
        var buffer = new byte[4 * 1024];
        while (!stop.IsCancellationRequested)
        {
            var filled = 0;
            ValueWebSocketReceiveResult received;
            do
            {
                if (filled == buffer.Length)
                {
                    if (buffer.Length >= _parser.MaxMessageBytes)
                    {
                        LogTooLarge(remote, _parser.MaxMessageBytes);
                        await connection.CloseAsync(WebSocketCloseStatus.MessageTooBig, $"SIP messages are limited to {_parser.MaxMessageBytes} bytes", stop);
                        return;
                    }
                    Array.Resize(ref buffer, Math.Min(buffer.Length * 2, _parser.MaxMessageBytes));
                }
                received = await socket.ReceiveAsync(buffer.AsMemory(filled), stop);
                filled += received.Count;
            }
            while (!received.EndOfMessage && received.MessageType != WebSocketMessageType.Close);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                await connection.CloseAsync(WebSocketCloseStatus.NormalClosure, "", stop);
                return;
            }
            connection.ReplyAsText = received.MessageType == WebSocketMessageType.Text;
            // The parsed message keeps slices of its bytes, so each gets its own copy.
            var message = buffer.AsSpan(0, filled).ToArray();
            _host.Process(remote, core => core.OnStreamMessage(message, remote));
        }
    }

    /// <summary>
    /// Sends a message (a request the server originates, say) to the client connected from <paramref name="remote"/>;
    /// false when that connection is gone (the binding's flow has failed, RFC 5626 §4.4).
    /// </summary>
    public bool TrySend(IPEndPoint remote, byte[] message) =>
        _connections.TryGetValue(remote, out var connection) && connection.Enqueue(message);

    private void Send(SipDatagram message)
    {
        if (!TrySend(message.Destination, message.Data))
        {
            LogNoConnection(message.Destination);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        foreach (var connection in _connections.Values)
        {
            connection.Complete();
        }
    }
}
