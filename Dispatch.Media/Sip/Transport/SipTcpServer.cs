using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Dispatch.Media.Sip.Messages;
using Dispatch.Media.Sip.Server;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dispatch.Media.Sip.Transport;

/// <summary>
/// The thin TCP host around <see cref="SipServerCore"/>: messages are cut from each connection by Content-Length
/// (<see cref="SipStreamFramer"/>, RFC 3261 §18.3) and responses go back on the connection the request came in on
/// (§18.2.2). A connection whose stream cannot be framed is closed; others are untouched.
/// </summary>
public sealed partial class SipTcpServer : IAsyncDisposable
{
    private readonly SipServerCore _core;
    private readonly SipParserOptions _parser;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly TcpListener _listener;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<IPEndPoint, Socket> _connections = new();
    private Task _acceptLoop = Task.CompletedTask;
    private Task _timerLoop = Task.CompletedTask;

    public SipTcpServer(IPEndPoint bindTo, TimeProvider time, SipServerOptions? options = null, ILogger<SipTcpServer>? logger = null)
    {
        _time = time;
        _parser = options?.Parser ?? SipParserOptions.Default;
        _core = new SipServerCore(time, options);
        _logger = logger ?? NullLogger<SipTcpServer>.Instance;
        _listener = new TcpListener(bindTo);
        _listener.Start();
        LocalEndPoint = (IPEndPoint)_listener.LocalEndpoint;
    }

    public IPEndPoint LocalEndPoint { get; }

    public int ConnectionCount => _connections.Count;

    public void Start()
    {
        _acceptLoop = Task.Run(AcceptLoopAsync);
        _timerLoop = Task.Run(TimerLoopAsync);
        LogStarted(LocalEndPoint);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
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
            while (!_stop.IsCancellationRequested)
            {
                if (filled == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }
                var read = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, _stop.Token);
                if (read == 0)
                {
                    return;
                }
                filled += read;
                while (true)
                {
                    var status = SipStreamFramer.TryFrame(buffer.AsSpan(0, filled), out var skipped, out var length, _parser.MaxMessageBytes);
                    if (status == SipFrameStatus.NeedMoreData)
                    {
                        // Only keep-alive CRLFs so far: drop them.
                        if (skipped == filled)
                        {
                            filled = 0;
                        }
                        break;
                    }
                    if (status == SipFrameStatus.Invalid)
                    {
                        LogUnframeable(remote);
                        return;
                    }
                    var message = buffer.AsSpan(skipped, length).ToArray();
                    Process(remote, core => core.OnStreamMessage(message, remote));
                    var consumed = skipped + length;
                    buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                    filled -= consumed;
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

    private async Task TimerLoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20), _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                Process(LocalEndPoint, core => core.HandleTimeout());
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Process(IPEndPoint source, Action<SipServerCore> input)
    {
        var outputs = new List<SipServerOutput>();
        try
        {
            lock (_gate)
            {
                input(_core);
                while (_core.TryPollOutput(out var output))
                {
                    outputs.Add(output);
                }
            }
        }
#pragma warning disable CA1031 // One bad message must not take the connection's read loop down.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogProcessingFailed(e, source);
        }
        foreach (var output in outputs)
        {
            if (output is SipDatagram message && _connections.TryGetValue(message.Destination, out var socket))
            {
                try
                {
                    lock (socket)
                    {
                        socket.Send(message.Data);
                    }
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                    LogConnectionError(message.Destination, (e as SocketException)?.SocketErrorCode ?? SocketError.NotConnected);
                }
            }
            else if (output is SipPendingAnswer pending)
            {
                _ = pending.Completion.ContinueWith(_ => Process(source, core => core.CompletePending(pending)), TaskScheduler.Default);
            }
            else if (output is SipServerNotice notice)
            {
                LogNotice(notice.Source, notice.Text);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        foreach (var socket in _connections.Values)
        {
            socket.Dispose();
        }
        await Task.WhenAll(_acceptLoop, _timerLoop);
        _stop.Dispose();
    }
}
