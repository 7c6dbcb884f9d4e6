using System.Net;
using System.Net.Sockets;
using Dispatch.Media.Sip.Server;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dispatch.Media.Sip.Transport;

/// <summary>
/// The thin UDP host around <see cref="SipServerCore"/>: one socket, one receive loop, one timer loop.
/// The receive loop never dies: a datagram that cannot be parsed, answered or even processed is logged and dropped.
/// <code>
///   socket ─► receive loop ─┐ (lock) ┌─► SipDatagram ─► socket
///   timer loop (tick) ──────┴─► core ┴─► SipServerNotice ─► log
/// </code>
/// </summary>
public sealed partial class SipUdpServer : IAsyncDisposable
{
    /// <summary>The largest UDP payload; anything bigger cannot arrive.</summary>
    private const int MaxDatagram = 65535;

    private readonly SipServerCore _core;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Socket _socket;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _receiveLoop = Task.CompletedTask;
    private Task _timerLoop = Task.CompletedTask;

    public SipUdpServer(IPEndPoint bindTo, TimeProvider time, SipServerOptions? options = null, ILogger<SipUdpServer>? logger = null)
    {
        _time = time;
        _core = new SipServerCore(time, options);
        _logger = logger ?? NullLogger<SipUdpServer>.Instance;
        _socket = new Socket(bindTo.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(bindTo);
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
    }

    /// <summary>The bound endpoint (with the real port when bound to port 0).</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>How often transaction timers are checked; timers are 500 ms and up, so 20 ms is precise enough.</summary>
    public TimeSpan TimerTick { get; init; } = TimeSpan.FromMilliseconds(20);

    public long DatagramsReceived => Interlocked.Read(ref _received);

    private long _received;

    public void Start()
    {
        _receiveLoop = Task.Run(ReceiveLoopAsync);
        _timerLoop = Task.Run(TimerLoopAsync);
        LogStarted(LocalEndPoint);
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[MaxDatagram];
        EndPoint any = new IPEndPoint(LocalEndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                // e.g. ICMP port unreachable reported on the socket: one peer's problem, not the server's.
                LogReceiveError(e.SocketErrorCode);
                continue;
            }
            Interlocked.Increment(ref _received);
            var source = (IPEndPoint)received.RemoteEndPoint;
            // The parsed message keeps slices of its datagram, so each gets its own copy of the bytes.
            var datagram = buffer.AsSpan(0, received.ReceivedBytes).ToArray();
            Process(source, core => core.OnDatagram(datagram, source));
        }
    }

    private async Task TimerLoopAsync()
    {
        using var timer = new PeriodicTimer(TimerTick, _time);
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
#pragma warning disable CA1031 // The loop must survive any fault in handling one datagram (issue 4: "the receive loop never dies").
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogProcessingFailed(e, source);
        }
        foreach (var output in outputs)
        {
            switch (output)
            {
                case SipDatagram datagram:
                    Send(datagram);
                    break;
                case SipPendingAnswer pending:
                    _ = pending.Completion.ContinueWith(_ => Process(source, core => core.CompletePending(pending)), TaskScheduler.Default);
                    break;
                case SipServerNotice { Dropped: true } notice:
                    LogDropped(notice.Source, notice.Text);
                    break;
                case SipServerNotice notice:
                    LogAnswered(notice.Source, notice.Text);
                    break;
            }
        }
    }

    private void Send(SipDatagram datagram)
    {
        try
        {
            _socket.SendTo(datagram.Data, datagram.Destination);
        }
        catch (SocketException e)
        {
            LogSendFailed(datagram.Destination, e.SocketErrorCode);
        }
        catch (ObjectDisposedException)
        {
            // An answer that completed after shutdown.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        await Task.WhenAll(_receiveLoop, _timerLoop);
        _stop.Dispose();
    }
}
