using System.Net;
using System.Net.Sockets;
using Dispatch.Media.Sip.Server;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dispatch.Media.Sip.Transport;

/// <summary>
/// The thin UDP host around <see cref="SipServerCore"/> (through <see cref="SipCoreHost"/>): one socket, one
/// receive thread. The receive loop never dies: a datagram that cannot be parsed, answered or even processed is
/// logged and dropped. A double-CRLF datagram is answered with a single CRLF (RFC 5626 §3.5.1 style keep-alive,
/// which some phones also send over UDP); OPTIONS keep-alives get 200 from the minimal UAS.
/// </summary>
/// <remarks>
/// The thread blocks in the socket's receive and parses, processes and answers each datagram itself, as a Kamailio
/// UDP worker does. An awaited receive handed every datagram from the socket engine's thread to a thread-pool thread:
/// under sipp the pool's wake-ups and spinning were 15 % of the gateway's CPU (docs/benchmarks.md, "CPU per call").
/// Work that a datagram's handling left waiting for the end of the burst (the gateway's bindings writes, committed by
/// this thread) runs through <see cref="ReceiveThreadHooks"/> once the socket is empty or after <see cref="MaxBurst"/>
/// datagrams.
/// </remarks>
public sealed partial class SipUdpServer : IAsyncDisposable
{
    /// <summary>The largest UDP payload; anything bigger cannot arrive.</summary>
    private const int MaxDatagram = 65535;

    /// <summary>
    /// How many datagrams the thread handles before it runs <see cref="ISipReceiveThreadHooks.BurstEnded"/> even while
    /// more are waiting: bounds how long an answer held for the burst's end (a bindings write) waits.
    /// </summary>
    public const int MaxBurst = 32;

    private readonly SipCoreHost _host;
    private readonly ILogger _logger;
    private readonly Socket _socket;
    /// <summary>How long one blocking receive waits before the loop looks whether the server is stopping.</summary>
    private static readonly TimeSpan StopCheck = TimeSpan.FromMilliseconds(250);

    private readonly TaskCompletionSource _receiveLoopEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _receiveLoopStarted;
    private long _received;

    public SipUdpServer(IPEndPoint bindTo, TimeProvider time, SipServerOptions? options = null, ILogger<SipUdpServer>? logger = null)
    {
        _logger = logger ?? NullLogger<SipUdpServer>.Instance;
        // Each answer is sent before Send returns, so the core may write it into a pooled array.
        _host = new SipCoreHost(time, (options ?? new SipServerOptions()) with { PooledDatagrams = true }, Send, _logger);
        _socket = new Socket(bindTo.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(bindTo);
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
    }

    /// <summary>Work run on the receive thread between bursts of datagrams (see <see cref="ISipReceiveThreadHooks"/>).</summary>
    public ISipReceiveThreadHooks? ReceiveThreadHooks { get; init; }

    /// <summary>The bound endpoint (with the real port when bound to port 0).</summary>
    public IPEndPoint LocalEndPoint { get; }

    public long DatagramsReceived => Interlocked.Read(ref _received);

    public void Start()
    {
        _host.Start();
        _socket.ReceiveTimeout = (int)StopCheck.TotalMilliseconds;
        new Thread(ReceiveLoop) { IsBackground = true, Name = $"SIP UDP {LocalEndPoint.Port}" }.Start();
        _receiveLoopStarted = true;
        LogStarted(LocalEndPoint);
    }

    private void ReceiveLoop()
    {
        ISipReceiveThreadHooks? hooks = null;
        try
        {
            var buffer = new byte[MaxDatagram];
            var any = new IPEndPoint(LocalEndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
            hooks = StartHooks();
            var burst = 0;
            while (!_host.Stopping.IsCancellationRequested)
            {
                if (hooks is not null && burst > 0 && (burst >= MaxBurst || NothingWaiting()))
                {
                    EndBurst(hooks);
                    burst = 0;
                }
                EndPoint from = any;
                int length;
                try
                {
                    length = _socket.ReceiveFrom(buffer, SocketFlags.None, ref from);
                }
                catch (ObjectDisposedException)
                {
                    return;
                }
                catch (SocketException) when (_host.Stopping.IsCancellationRequested)
                {
                    return;
                }
                catch (SocketException e) when (e.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
                {
                    continue;
                }
                catch (SocketException e)
                {
                    // e.g. ICMP port unreachable reported on the socket: one peer's problem, not the server's.
                    LogReceiveError(e.SocketErrorCode);
                    continue;
                }
                Interlocked.Increment(ref _received);
                burst++;
                var source = (IPEndPoint)from;
                try
                {
                    // The parsed message keeps slices of its datagram, so each gets its own copy of the bytes.
                    var datagram = buffer.AsSpan(0, length).ToArray();
                    _host.Process(source, core => core.OnDatagram(datagram, source));
                }
#pragma warning disable CA1031 // An exception on this thread would end the process; the loop must outlive any datagram.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    LogDatagramFailed(source, e.Message);
                }
            }
        }
        finally
        {
            if (hooks is not null)
            {
                EndBurst(hooks); // nothing the thread started is left waiting
            }
            _receiveLoopEnded.TrySetResult();
        }
    }

    /// <summary>Whether the socket holds no further datagram (also when it was closed: the loop then ends).</summary>
    private bool NothingWaiting()
    {
        try
        {
            return _socket.Available == 0;
        }
        catch (Exception e) when (e is ObjectDisposedException or SocketException)
        {
            return true;
        }
    }

    private ISipReceiveThreadHooks? StartHooks()
    {
        try
        {
            ReceiveThreadHooks?.ThreadStarted();
            return ReceiveThreadHooks;
        }
#pragma warning disable CA1031 // Receiving without the hooks beats not receiving.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogHooksFailed(e);
            return null;
        }
    }

    private void EndBurst(ISipReceiveThreadHooks hooks)
    {
        try
        {
            hooks.BurstEnded();
        }
#pragma warning disable CA1031 // The loop must outlive its hooks too.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogBurstEndFailed(e);
        }
    }

    /// <summary>Sends a message to <paramref name="remote"/> from the server's port (where a NAT lets it back in).</summary>
    public void Send(IPEndPoint remote, byte[] message) => Send(new SipDatagram(message, remote));

    private void Send(SipDatagram datagram)
    {
        try
        {
            _socket.SendTo(datagram.Payload, SocketFlags.None, datagram.Destination);
        }
        catch (SocketException e)
        {
            LogSendFailed(datagram.Destination, e.SocketErrorCode);
        }
        catch (ObjectDisposedException)
        {
            // An answer that completed after shutdown.
        }
        finally
        {
            datagram.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        var stopping = _host.DisposeAsync();
        _socket.Dispose();
        await stopping;
        if (_receiveLoopStarted)
        {
            await _receiveLoopEnded.Task;
        }
    }
}
