using System.Net;
using System.Net.Sockets;
using Dispatch.Media.Sdp.Attributes;
using Dispatch.Media.WebRtc.Dtls;
using Dispatch.Media.WebRtc.Echo;
using Dispatch.Media.WebRtc.Ice;
using Dispatch.Media.WebRtc.Peer;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dispatch.Media.WebRtc.Hosting;

/// <summary>
/// The one UDP port of a media node for every WebRTC session (echo sessions, call legs: any
/// <see cref="IWebRtcSession"/>): a receive loop that routes each datagram by ICE ufrag (STUN) or by the remote
/// address a check validated (DTLS, SRTP), a timer loop, and nothing else.
/// <code>
///   socket ─► receive loop ─► WebRtcEndpointRegistry ─► session.HandleDatagram ─────┐
///   timer loop (20 ms) ─► HandleTimeout, drop closed / never-connected sessions ────┼─► TryPollTransmit ─► socket
///   DTLS worker ─► OutputAvailable ─► thread pool drain ───────────────────────────┤
///   forwarded media ─► TransmitPending (the receiving session's thread) ───────────┘
/// </code>
/// The receive loop never dies: whatever one datagram does (malformed STUN, DTLS, RTP, RTCP, random bytes,
/// a bug) is caught, counted and dropped.
/// </summary>
public sealed partial class WebRtcUdpHost : IAsyncDisposable
{
    private const int MaxDatagram = 65535;

    private readonly WebRtcUdpHostOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Socket _socket;
    private readonly Lock _gate = new();
    private readonly WebRtcEndpointRegistry<IWebRtcSession> _registry = new();
    private readonly List<IWebRtcSession> _sessions = [];
    private readonly Dictionary<IWebRtcSession, string> _closeReasons = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly DtlsCertificate _certificate;
    private Task _receiveLoop = Task.CompletedTask;
    private Task _timerLoop = Task.CompletedTask;
    private long _received;
    private long _dropped;
    private long _faults;

    public WebRtcUdpHost(WebRtcUdpHostOptions options, TimeProvider time, ILogger<WebRtcUdpHost>? logger = null)
    {
        _options = options;
        _time = time;
        _logger = logger ?? NullLogger<WebRtcUdpHost>.Instance;
        _certificate = options.Certificate ?? DtlsCertificate.Generate(time);
        _socket = new Socket(options.Bind.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(options.Bind);
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
    }

    public IPEndPoint LocalEndPoint { get; }

    /// <summary>The node's DTLS identity, shared by every session (its fingerprint goes in every answer).</summary>
    public DtlsCertificate Certificate => _certificate;

    public DtlsEndpointOptions? DtlsOptions => _options.Dtls;

    /// <summary>The host candidate answers carry: the advertised address and the bound port.</summary>
    public IceCandidate Candidate => IceCandidate.Host("1", _options.AdvertisedAddress.ToString(), LocalEndPoint.Port);

    public long DatagramsReceived => Interlocked.Read(ref _received);

    /// <summary>Datagrams that belonged to no session or failed in processing.</summary>
    public long DatagramsDropped => Interlocked.Read(ref _dropped);

    /// <summary>Datagrams whose processing threw (caught by the loop); a parser bug if ever above zero.</summary>
    public long Faults => Interlocked.Read(ref _faults);

    public int SessionCount
    {
        get
        {
            lock (_gate)
            {
                return _sessions.Count;
            }
        }
    }

    public void Start()
    {
        _receiveLoop = Task.Run(ReceiveLoopAsync);
        _timerLoop = Task.Run(TimerLoopAsync);
        LogStarted(LocalEndPoint, _options.AdvertisedAddress);
    }

    /// <summary>Answers an offer with a new echo session on this port. Throws <see cref="EchoOfferException"/> for a bad offer.</summary>
    public string AnswerEcho(string? offerSdp)
    {
        var session = EchoSession.Answer(offerSdp, new EchoSettings
        {
            Certificate = _certificate,
            Candidates = [Candidate],
            Dtls = _options.Dtls,
        }, _time);
        Add(session);
        return session.AnswerSdp;
    }

    /// <summary>Carries <paramref name="session"/> on this port from now on: its checks route by its ufrag.</summary>
    public void Add(IWebRtcSession session)
    {
        session.Peer.OutputAvailable += _ => ThreadPool.UnsafeQueueUserWorkItem(static s => s.host.Flush(s.session), (host: this, session), preferLocal: false);
        session.TransmitPending += Flush;
        lock (_gate)
        {
            if (_stop.IsCancellationRequested)
            {
                throw new ObjectDisposedException(nameof(WebRtcUdpHost));
            }
            _sessions.Add(session);
            _registry.Register(session.LocalUfrag, session);
        }
        LogSessionAdded(session.Description, session.LocalUfrag);
    }

    /// <summary>After an ICE restart of <paramref name="session"/>: checks route by its new ufrag, no longer by <paramref name="oldUfrag"/>.</summary>
    public void ChangeUfrag(IWebRtcSession session, string oldUfrag)
    {
        lock (_gate)
        {
            if (_sessions.Contains(session))
            {
                _registry.ChangeUfrag(oldUfrag, session.LocalUfrag, session);
            }
        }
    }

    /// <summary>Ends a session now (hang-up, leg closed): it stops receiving, is told why, and is disposed. Unknown sessions are ignored.</summary>
    public void Remove(IWebRtcSession session, string reason)
    {
        lock (_gate)
        {
            if (!_sessions.Remove(session))
            {
                return;
            }
            _registry.Unregister(session);
            if (_closeReasons.Remove(session, out var closed))
            {
                reason = closed;
            }
        }
        while (session.TryPollEvent(out var e))
        {
            if (e is WebRtcPeerClosed peerClosed)
            {
                reason = peerClosed.Reason;
            }
        }
        // Say goodbye on the wire (a DTLS close_notify, a BYE) before the socket forgets the session.
        Flush(session);
        session.OnRemoved(reason);
        session.Dispose();
        LogSessionRemoved(session.Description, session.LocalUfrag, reason);
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
                // ICMP unreachable from one peer surfaces here; it is that peer's problem.
                LogReceiveError(e.SocketErrorCode);
                continue;
            }
            Interlocked.Increment(ref _received);
            Handle(buffer.AsSpan(0, received.ReceivedBytes), (IPEndPoint)received.RemoteEndPoint);
        }
    }

    private void Handle(Span<byte> datagram, IPEndPoint from)
    {
        try
        {
            IWebRtcSession? session;
            lock (_gate)
            {
                session = _registry.Route(datagram, from, out var kind);
                if (session is not null && kind == PacketKind.Stun)
                {
                    session.HandleDatagram(datagram, from);
                    // RFC 8445 §7.3: an authenticated check makes its source a route for DTLS and media.
                    if (session.Peer.HasValidated(from))
                    {
                        _registry.BindRemote(from, session);
                    }
                }
            }
            if (session is null)
            {
                Interlocked.Increment(ref _dropped);
                return;
            }
            if (PacketDemultiplexer.Classify(datagram) != PacketKind.Stun)
            {
                session.HandleDatagram(datagram, from);
            }
            Flush(session);
        }
#pragma warning disable CA1031 // The receive loop must survive any fault in one datagram (issue 5).
        catch (Exception e)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _dropped);
            Interlocked.Increment(ref _faults);
            LogProcessingFailed(e, from);
        }
    }

    private async Task TimerLoopAsync()
    {
        using var timer = new PeriodicTimer(_options.TimerTick, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                IWebRtcSession[] sessions;
                lock (_gate)
                {
                    sessions = [.. _sessions];
                }
                foreach (var session in sessions)
                {
                    Tick(session);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Tick(IWebRtcSession session)
    {
        try
        {
            session.HandleTimeout();
            Flush(session);
            var stale = !session.Peer.IsConnected && _time.GetUtcNow() - session.CreatedAt > _options.ConnectTimeout;
            if (session.Peer.IsClosed || stale)
            {
                Remove(session, stale ? $"never connected: no DTLS-SRTP within {_options.ConnectTimeout.TotalSeconds:0} s of the answer" : "closed");
            }
        }
#pragma warning disable CA1031 // One session's fault must not stop the timers of the others.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogProcessingFailed(e, LocalEndPoint);
            Remove(session, "failed: " + e.Message);
        }
    }

    private void Flush(IWebRtcSession session)
    {
        while (session.TryPollTransmit(out var datagram))
        {
            try
            {
                _socket.SendTo(datagram.Span, SocketFlags.None, datagram.Destination);
            }
            catch (SocketException e)
            {
                LogSendError(e.SocketErrorCode, datagram.Destination);
            }
            catch (ObjectDisposedException)
            {
                // Shutting down.
            }
            finally
            {
                datagram.Release();
            }
        }
        while (session.TryPollEvent(out var e))
        {
            if (e is WebRtcPeerConnected connected)
            {
                LogSessionConnected(session.Description, connected.Remote, connected.Profile.ToString(), connected.HandshakeTime.TotalMilliseconds);
            }
            else if (e is WebRtcPeerClosed closed)
            {
                lock (_gate)
                {
                    // Kept for Remove, which the next tick calls: the reason is what signalling tells people.
                    _closeReasons.TryAdd(session, closed.Reason);
                }
                LogSessionClosed(session.Description, closed.Reason);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }
        await _stop.CancelAsync();
        _socket.Dispose();
        await Task.WhenAll(_receiveLoop, _timerLoop);
        IWebRtcSession[] sessions;
        lock (_gate)
        {
            sessions = [.. _sessions];
        }
        foreach (var session in sessions)
        {
            Remove(session, "the media node is shutting down");
        }
        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "WebRTC listening on UDP {EndPoint}, advertising {Advertised}")]
    private partial void LogStarted(IPEndPoint endPoint, IPAddress advertised);

    [LoggerMessage(Level = LogLevel.Information, Message = "WebRTC session {Description} ({Ufrag}) answered")]
    private partial void LogSessionAdded(string description, string ufrag);

    [LoggerMessage(Level = LogLevel.Information, Message = "WebRTC session {Description} connected from {Remote} ({Profile}, DTLS in {Milliseconds:0} ms)")]
    private partial void LogSessionConnected(string description, IPEndPoint remote, string profile, double milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "WebRTC session {Description} closed: {Reason}")]
    private partial void LogSessionClosed(string description, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "WebRTC session {Description} ({Ufrag}) removed: {Reason}")]
    private partial void LogSessionRemoved(string description, string ufrag, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "WebRTC UDP receive error {Error}")]
    private partial void LogReceiveError(SocketError error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "WebRTC UDP send to {Destination} failed: {Error}")]
    private partial void LogSendError(SocketError error, IPEndPoint destination);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WebRTC datagram from {Source} dropped after a fault")]
    private partial void LogProcessingFailed(Exception e, IPEndPoint source);
}
