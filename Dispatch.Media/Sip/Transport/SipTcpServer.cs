using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Dispatch.Media.Sip.Messages;
using Dispatch.Media.Sip.Server;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dispatch.Media.Sip.Transport;

/// <summary>
/// The thin TCP host around <see cref="SipServerCore"/> (through <see cref="SipCoreHost"/>): messages are cut from
/// each connection by Content-Length (<see cref="SipStreamFramer"/>, RFC 3261 §18.3) and responses go back on the
/// connection the request came in on (§18.2.2). A double-CRLF ping between messages gets a single-CRLF pong
/// (RFC 5626 §3.5.1). A connection whose stream cannot be framed is closed; others are untouched.
/// </summary>
public sealed partial class SipTcpServer : IAsyncDisposable
{
    private static readonly byte[] Pong = "\r\n"u8.ToArray();

    private readonly SipCoreHost _host;
    private readonly SipParserOptions _parser;
    private readonly ILogger _logger;
    private readonly TcpListener _listener;
    private readonly ConcurrentDictionary<IPEndPoint, Socket> _connections = new();
    private Task _acceptLoop = Task.CompletedTask;

    public SipTcpServer(IPEndPoint bindTo, TimeProvider time, SipServerOptions? options = null, ILogger<SipTcpServer>? logger = null)
    {
        _parser = options?.Parser ?? SipParserOptions.Default;
        _logger = logger ?? NullLogger<SipTcpServer>.Instance;
        _host = new SipCoreHost(time, options, Send, _logger);
        _listener = new TcpListener(bindTo);
        _listener.Start();
        LocalEndPoint = (IPEndPoint)_listener.LocalEndpoint;
    }

    public IPEndPoint LocalEndPoint { get; }

    public int ConnectionCount => _connections.Count;

    public void Start()
    {
        _host.Start();
        _acceptLoop = Task.Run(AcceptLoopAsync);
        LogStarted(LocalEndPoint);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_host.Stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_host.Stopping);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                LogConnectionError(LocalEndPoint, e.SocketErrorCode);
                continue;
            }
            _ = Task.Run(() => ReadLoopAsync(socket));
        }
    }

    private async Task ReadLoopAsync(Socket socket)
    {
        var remote = (IPEndPoint)socket.RemoteEndPoint!;
        _connections[remote] = socket;
        var buffer = new byte[8 * 1024];
        var filled = 0;
        try
        {
            while (!_host.Stopping.IsCancellationRequested)
            {
                if (filled == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }
                var read = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, _host.Stopping);
                if (read == 0)
                {
                    return;
                }
                filled += read;
                while (true)
                {
                    var status = SipStreamFramer.TryFrame(buffer.AsSpan(0, filled), out var skipped, out var length, _parser.MaxMessageBytes);
                    if (skipped >= 4)
                    {
                        // RFC 5626 §4.4.1: each double CRLF ("ping") gets a single CRLF ("pong"); then frame again without them.
                        var pings = skipped / 4;
                        AnswerPings(remote, pings);
                        Consume(buffer, ref filled, pings * 4);
                        continue;
                    }
                    if (status == SipFrameStatus.NeedMoreData)
                    {
                        break;
                    }
                    if (status == SipFrameStatus.Invalid)
                    {
                        LogUnframeable(remote);
                        return;
                    }
                    var message = buffer.AsSpan(skipped, length).ToArray();
                    _host.Process(remote, core => core.OnStreamMessage(message, remote));
                    Consume(buffer, ref filled, skipped + length);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
        }
        catch (SocketException e)
        {
            LogConnectionError(remote, e.SocketErrorCode);
        }
        finally
        {
            _connections.TryRemove(remote, out _);
            socket.Dispose();
        }
    }

    private static void Consume(byte[] buffer, ref int filled, int count)
    {
        buffer.AsSpan(count, filled - count).CopyTo(buffer);
        filled -= count;
    }

    private void AnswerPings(IPEndPoint remote, int pings)
    {
        for (var ping = 0; ping < pings; ping++)
        {
            Send(new SipDatagram(Pong, remote));
        }
    }

    /// <summary>Sends a message over the connection from <paramref name="remote"/>; false when it is gone.</summary>
    public bool TrySend(IPEndPoint remote, byte[] message)
    {
        if (!_connections.ContainsKey(remote))
        {
            return false;
        }
        Send(new SipDatagram(message, remote));
        return true;
    }

    private void Send(SipDatagram message)
    {
        if (!_connections.TryGetValue(message.Destination, out var socket))
        {
            message.Release();
            return;
        }
        try
        {
            lock (socket)
            {
                socket.Send(message.Payload);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            LogConnectionError(message.Destination, (e as SocketException)?.SocketErrorCode ?? SocketError.NotConnected);
        }
        finally
        {
            message.Release(); // sent (or failed) synchronously above, so a pooled array can go back
        }
    }

    public async ValueTask DisposeAsync()
    {
        var stopping = _host.DisposeAsync();
        _listener.Stop();
        foreach (var socket in _connections.Values)
        {
            socket.Dispose();
        }
        await stopping;
        await _acceptLoop;
    }
}
