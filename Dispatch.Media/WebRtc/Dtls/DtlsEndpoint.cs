using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Dispatch.Media.WebRtc.Dtls.Internal;
using Org.BouncyCastle.Tls;

namespace Dispatch.Media.WebRtc.Dtls;

/// <summary>
/// One DTLS-SRTP association (RFC 5764) in sans-I/O shape: the host feeds received datagrams in and drains
/// datagrams to send and events out. It never touches a socket.
/// <code>
///   HandleDatagram(bytes) ─▶ [ DtlsEndpoint ] ─▶ TryPollDatagram(out bytes)   send to the peer
///                                            ─▶ TryPollEvent(out event)      HandshakeCompleted / Failed / Closed
///                           OutputAvailable ◀─ raised (on any thread) when something is ready to poll
/// </code>
/// The handshake runs on a <see cref="DtlsHandshakeWorkers"/> thread, because BouncyCastle's handshake API
/// blocks; retransmission and the handshake timeout run there too (RFC 6347 §4.2.4). Once connected, the
/// endpoint holds no thread. <see cref="HandleDatagram"/> never throws for malformed input.
/// </summary>
public sealed class DtlsEndpoint : IDisposable
{
    private readonly object _gate = new();
    private readonly ConcurrentQueue<byte[]> _outgoing = new();
    private readonly ConcurrentQueue<DtlsEvent> _events = new();
    private readonly DtlsSrtpHandshake _handshake;
    private readonly QueuedDatagramTransport _transport;
    private readonly DtlsHandshakeWorkers _workers;
    private readonly DtlsEndpointOptions _options;
    private DtlsTransport? _connection;
    private DtlsEndpointState _state = DtlsEndpointState.New;
    private long _startedAt;

    private DtlsEndpoint(DtlsRole role, DtlsCertificate local, CertificateFingerprint remoteFingerprint, DtlsEndpointOptions? options)
    {
        Role = role;
        _options = options ?? DtlsEndpointOptions.Default;
        _workers = _options.Workers ?? DtlsHandshakeWorkers.Shared;
        _handshake = new DtlsSrtpHandshake(local, remoteFingerprint, _options);
        _transport = new QueuedDatagramTransport(_options.MaxDatagramSize, _options.InboundQueueLimit, QueueOutgoing, OnTransportClosed);
    }

    /// <summary>
    /// A DTLS server (SDP <c>a=setup:passive</c>). It starts when the first ClientHello arrives.
    /// <paramref name="remoteFingerprint"/> comes from the peer's <c>a=fingerprint</c>.
    /// </summary>
    public static DtlsEndpoint CreateServer(DtlsCertificate local, CertificateFingerprint remoteFingerprint, DtlsEndpointOptions? options = null) =>
        new(DtlsRole.Server, local, remoteFingerprint, options);

    /// <summary>A DTLS client (SDP <c>a=setup:active</c>). Call <see cref="Start"/> to send the ClientHello.</summary>
    public static DtlsEndpoint CreateClient(DtlsCertificate local, CertificateFingerprint remoteFingerprint, DtlsEndpointOptions? options = null) =>
        new(DtlsRole.Client, local, remoteFingerprint, options);

    public DtlsRole Role { get; }

    public DtlsEndpointState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>Certificate types the server's CertificateRequest listed, as this client saw them.</summary>
    internal IReadOnlyList<short>? RequestedCertificateTypes => _handshake.RequestedCertificateTypes;

    /// <summary>
    /// Raised, possibly on a worker thread and while the endpoint's lock is held, when a datagram or event is
    /// ready to poll. Handlers should only signal the host's loop; feeding another endpoint from inside the
    /// handler could deadlock two endpoints that feed each other.
    /// </summary>
    public event Action<DtlsEndpoint>? OutputAvailable;

    /// <summary>Starts a client handshake. A server starts by itself on the first ClientHello.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (Role != DtlsRole.Client || _state != DtlsEndpointState.New)
            {
                return;
            }
            BeginHandshake();
        }
    }

    /// <summary>
    /// Feeds one received datagram (the host has already demultiplexed it as DTLS, RFC 7983). Anything not
    /// DTLS-shaped is dropped; nothing thrown by the DTLS stack escapes.
    /// </summary>
    public void HandleDatagram(ReadOnlySpan<byte> datagram)
    {
        if (!DtlsRecordInspector.IsDtls(datagram) || !DtlsRecordInspector.HasOnlyWellFormedRecords(datagram))
        {
            return;
        }
        lock (_gate)
        {
            switch (_state)
            {
                case DtlsEndpointState.New when Role == DtlsRole.Server:
                    if (!DtlsRecordInspector.IsClientHello(datagram))
                    {
                        return;
                    }
                    _transport.Enqueue(datagram);
                    BeginHandshake();
                    return;
                case DtlsEndpointState.New:
                case DtlsEndpointState.Handshaking:
                    _transport.Enqueue(datagram);
                    return;
                case DtlsEndpointState.Connected:
                    _transport.Enqueue(datagram);
                    ReceiveConnected();
                    return;
                default:
                    return;
            }
        }
    }

    public void HandleDatagram(byte[] datagram) => HandleDatagram(datagram.AsSpan());

    public bool TryPollDatagram([NotNullWhen(true)] out byte[]? datagram) => _outgoing.TryDequeue(out datagram);

    public bool TryPollEvent([NotNullWhen(true)] out DtlsEvent? dtlsEvent) => _events.TryDequeue(out dtlsEvent);

    /// <summary>Sends application data on a connected association; false when not connected.</summary>
    public bool TrySendApplicationData(ReadOnlySpan<byte> data)
    {
        lock (_gate)
        {
            if (_state != DtlsEndpointState.Connected || _connection is null)
            {
                return false;
            }
            try
            {
                _connection.Send(data);
                _transport.Flush();
                return true;
            }
            catch (Exception e)
            {
                FailLocked(Explain(e));
                return false;
            }
        }
    }

    /// <summary>
    /// Closes the association: sends close_notify when connected (RFC 5246 §7.2.1), or abandons a handshake
    /// in progress, freeing its worker at once.
    /// </summary>
    public void Close()
    {
        lock (_gate)
        {
            switch (_state)
            {
                case DtlsEndpointState.Connected:
                    _state = DtlsEndpointState.Closed;
                    try
                    {
                        _connection?.Close();
                    }
                    catch (Exception)
                    {
                        // The peer will learn of the close by consent expiry instead.
                    }
                    Report(new DtlsClosed(ByPeer: false));
                    break;
                case DtlsEndpointState.New:
                case DtlsEndpointState.Handshaking:
                    _state = DtlsEndpointState.Closed;
                    _transport.Abort();
                    Report(new DtlsClosed(ByPeer: false));
                    break;
            }
        }
    }

    public void Dispose() => Close();

    private void BeginHandshake()
    {
        _state = DtlsEndpointState.Handshaking;
        _startedAt = Stopwatch.GetTimestamp();
        if (!_workers.TrySchedule(RunHandshake))
        {
            FailLocked("DTLS handshake workers are shut down; no handshake can start.");
        }
    }

    /// <summary>Runs on a worker thread from the first flight to the last, or to failure.</summary>
    private void RunHandshake()
    {
        if (_transport.IsAborted)
        {
            return;
        }
        try
        {
            var connection = Role == DtlsRole.Server
                ? new DtlsServerProtocol().Accept(new SrtpDtlsServer(_handshake), _transport)
                : new DtlsClientProtocol().Connect(new SrtpDtlsClient(_handshake), _transport);
            // A server's last flight is written without a wait after it.
            _transport.Flush();
            lock (_gate)
            {
                if (_state != DtlsEndpointState.Handshaking)
                {
                    return;
                }
                _connection = connection;
                _state = DtlsEndpointState.Connected;
                _transport.StopWaiting();
                Report(new DtlsHandshakeCompleted(_handshake.Keys!, _handshake.PeerFingerprint!, Stopwatch.GetElapsedTime(_startedAt)));
                // Records that arrived after the peer's Finished, while the worker still owned the transport.
                ReceiveConnected();
            }
        }
        catch (Exception e)
        {
            _transport.Flush();
            lock (_gate)
            {
                if (_state == DtlsEndpointState.Handshaking)
                {
                    FailLocked(Explain(e));
                }
            }
        }
    }

    /// <summary>Processes queued records on the caller's thread; the lock is held.</summary>
    private void ReceiveConnected()
    {
        var connection = _connection!;
        var buffer = new byte[connection.GetReceiveLimit()];
        try
        {
            // A wait of 1 ms: BouncyCastle treats 0 as "forever"; the transport never blocks once connected.
            var length = connection.Receive(buffer, 0, buffer.Length, 1);
            while (length >= 0)
            {
                Report(new DtlsApplicationDataReceived(buffer.AsSpan(0, length).ToArray()));
                length = connection.ReceivePending(buffer, 0, buffer.Length);
            }
        }
        catch (Exception e)
        {
            if (_state == DtlsEndpointState.Connected)
            {
                FailLocked(Explain(e));
            }
        }
        // A resent final flight (RFC 6347 §4.2.4) or an alert answer.
        _transport.Flush();
    }

    private void FailLocked(string reason)
    {
        _state = DtlsEndpointState.Failed;
        _transport.Abort();
        Report(new DtlsFailed(reason));
    }

    /// <summary>BouncyCastle closed the transport: after close_notify when connected, or while failing.</summary>
    private void OnTransportClosed()
    {
        lock (_gate)
        {
            if (_state == DtlsEndpointState.Connected)
            {
                _state = DtlsEndpointState.Closed;
                Report(new DtlsClosed(ByPeer: true));
            }
        }
    }

    private string Explain(Exception e) => _handshake.FailureReason ?? e switch
    {
        TlsTimeoutException => $"DTLS handshake did not finish within {_options.HandshakeTimeout.TotalSeconds:0.#} s.",
        TlsFatalAlertReceived received => $"Peer sent fatal alert {AlertDescription.GetText(received.AlertDescription)}.",
        TlsFatalAlert alert => $"DTLS failed with alert {AlertDescription.GetText(alert.AlertDescription)}: {alert.Message}",
        _ => $"DTLS failed: {e.Message}",
    };

    private void QueueOutgoing(byte[] datagram)
    {
        _outgoing.Enqueue(datagram);
        OutputAvailable?.Invoke(this);
    }

    private void Report(DtlsEvent dtlsEvent)
    {
        _events.Enqueue(dtlsEvent);
        OutputAvailable?.Invoke(this);
    }
}
