using System.Net;
using System.Net.Sockets;
using Dispatch.Media.Bridging.PlainRtp;

namespace Dispatch.Media.Bridging.Hosting;

/// <summary>
/// One plain RTP leg on real sockets: an RTP and an RTCP socket, a receive loop on each that hands datagrams to the
/// <see cref="PlainRtpLeg"/> (and RTP to <see cref="MediaReceived"/>), and a tick loop that sends the leg's RTCP and
/// calls <see cref="Ticked"/> where the owner runs its bridge. Every leg call happens under one lock. A receive loop
/// survives anything a datagram can do (garbage, ICMP port-unreachable resets); only disposal ends it.
/// </summary>
public sealed class PlainRtpChannel : IAsyncDisposable
{
    private readonly Socket _rtp;
    private readonly Socket _rtcp;
    private readonly RtpPortPool _pool;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _loops;
    private readonly object _gate;
    private readonly long _opened;

    internal PlainRtpChannel(PlainRtpLeg leg, Socket rtp, Socket rtcp, RtpPortPool pool, TimeProvider time, TimeSpan tickInterval, object? gate = null)
    {
        Leg = leg;
        _gate = gate ?? new object();
        _rtp = rtp;
        _rtcp = rtcp;
        _pool = pool;
        _time = time;
        _opened = time.GetTimestamp();
        IgnoreConnectionResets(_rtp);
        IgnoreConnectionResets(_rtcp);
        _loops = [ReceiveLoop(_rtp, onRtcpPort: false), ReceiveLoop(_rtcp, onRtcpPort: true), TickLoop(tickInterval)];
    }

    public PlainRtpLeg Leg { get; }

    public int RtpPort => ((IPEndPoint)_rtp.LocalEndPoint!).Port;

    /// <summary>
    /// Lock held while the leg and the callbacks run; take it to call into the leg (or a bridge) from outside. A
    /// video channel shares its call's lock (given to <see cref="PlainRtpHost.Open"/>), since the forwarder sends
    /// into it holding that lock.
    /// </summary>
    public object Gate => _gate;

    /// <summary>RTP media from the phone, called under <see cref="Gate"/> with the time it arrived (monotonic).</summary>
    public Action<ReadOnlyMemory<byte>, TimeSpan>? MediaReceived { get; set; }

    /// <summary>Called under <see cref="Gate"/> every tick with the monotonic time: run the bridge and <see cref="Send"/> here.</summary>
    public Action<TimeSpan>? Ticked { get; set; }

    /// <summary>Each RTCP compound from the phone (after the leg read its reports), called under <see cref="Gate"/>.</summary>
    public Action<ReadOnlyMemory<byte>>? RtcpReceived { get; set; }

    /// <summary>Leg events (latched, media timeout, ...), called under <see cref="Gate"/>.</summary>
    public Action<PlainRtpLegEvent>? EventRaised { get; set; }

    public long ReceiveErrors { get; private set; }

    /// <summary>Monotonic time since the channel opened, the clock the bridge runs on.</summary>
    public TimeSpan Now => _time.GetElapsedTime(_opened);

    /// <summary>Sends one RTP packet to the phone (latched or signalled address); false when none is known yet.</summary>
    public bool Send(ReadOnlySpan<byte> rtp)
    {
        var destination = Leg.DestinationFor(rtp);
        if (destination is null) return false;
        try
        {
            _rtp.SendTo(rtp, SocketFlags.None, destination);
            return true;
        }
        catch (SocketException)
        {
            return false; // the phone's port is gone for now; RTP is fire and forget
        }
    }

    /// <summary>Sends one RTCP compound (feedback) to the phone's RTCP address; false when none is known yet. Call under <see cref="Gate"/>.</summary>
    public bool SendRtcp(ReadOnlySpan<byte> compound)
    {
        if (Leg.RtcpDestination is not { } destination) return false;
        try
        {
            (Leg.Negotiation?.RtcpMux == true ? _rtp : _rtcp).SendTo(compound, SocketFlags.None, destination);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private async Task ReceiveLoop(Socket socket, bool onRtcpPort)
    {
        var buffer = new byte[2048];
        EndPoint any = new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token);
                var source = (IPEndPoint)received.RemoteEndPoint;
                lock (_gate)
                {
                    var kind = Leg.OnDatagram(buffer.AsSpan(0, received.ReceivedBytes), source, onRtcpPort);
                    if (kind == PlainRtpDatagram.Rtp) MediaReceived?.Invoke(buffer.AsMemory(0, received.ReceivedBytes), Now);
                    else if (kind == PlainRtpDatagram.Rtcp) RtcpReceived?.Invoke(buffer.AsMemory(0, received.ReceivedBytes));
                    DrainEvents();
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (ObjectDisposedException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception)
            {
                // A bad datagram or a handler fault must not end the leg's media.
                ReceiveErrors++;
            }
        }
    }

    private async Task TickLoop(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                try
                {
                    lock (_gate)
                    {
                        Leg.Tick();
                        while (Leg.TryPollRtcp(out var packet, out var to))
                        {
                            var socket = Leg.Negotiation?.RtcpMux == true ? _rtp : _rtcp;
                            try { socket.SendTo(packet, SocketFlags.None, to); } catch (SocketException) { }
                        }
                        DrainEvents();
                        Ticked?.Invoke(Now);
                    }
                }
                catch (Exception)
                {
                    ReceiveErrors++;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void DrainEvents()
    {
        while (Leg.TryPollEvent(out var e)) EventRaised?.Invoke(e);
    }

    /// <summary>Windows-only SIO_UDP_CONNRESET; on Linux an ICMP error surfaces as one failed receive, which the loop absorbs.</summary>
    private static void IgnoreConnectionResets(Socket socket)
    {
        if (OperatingSystem.IsWindows()) socket.IOControl(-1744830452, [0, 0, 0, 0], null);
    }

    public async ValueTask DisposeAsync()
    {
        var port = RtpPort;
        await _stop.CancelAsync();
        _rtp.Dispose();
        _rtcp.Dispose();
        try
        {
            await Task.WhenAll(_loops);
        }
        catch (Exception)
        {
            // The loops catch everything themselves and end only by the cancellation above: nothing left to report.
        }
        _pool.Return(port);
        _stop.Dispose();
    }
}
