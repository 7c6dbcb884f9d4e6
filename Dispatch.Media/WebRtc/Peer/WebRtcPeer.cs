using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using Dispatch.Media.WebRtc.Dtls;
using Dispatch.Media.WebRtc.Ice;
using Dispatch.Media.WebRtc.Srtp;

namespace Dispatch.Media.WebRtc.Peer;

/// <summary>
/// One WebRTC transport in sans-I/O shape: ICE-lite answers and consent (RFC 8445 §2.5, RFC 7675), a DTLS-SRTP
/// association (RFC 5764) and SRTP/SRTCP (RFC 3711) on one 5-tuple, with RTP and RTCP multiplexed (RFC 5761).
/// <code>
///   HandleDatagram(bytes, from) ─▶ STUN ─▶ IceLiteResponder ─▶ response queued
///                                  DTLS ─▶ DtlsEndpoint      ─▶ flights queued; keys ─▶ SrtpSession
///                                  SRTP ─▶ unprotect in place ─▶ PeerInput.Rtp / Rtcp, plain in the caller's span
///   SendRtp / SendRtcp(plain) ─▶ protect into a pooled buffer ─▶ queued
///   TryPollTransmit ─▶ datagrams to send;  TryPollEvent ─▶ Connected / Closed;  HandleTimeout at NextTimeout
/// </code>
/// It never touches a socket or reads a clock except the injected <see cref="TimeProvider"/>. The DTLS handshake
/// runs on <see cref="DtlsHandshakeWorkers"/>, so its flights appear asynchronously: <see cref="OutputAvailable"/>
/// tells the host to poll. All public members are thread-safe.
/// </summary>
public sealed class WebRtcPeer : IDisposable
{
    private readonly object _gate = new();
    private readonly IceLiteResponder _ice;
    private readonly WebRtcPeerOptions _options;
    private DtlsEndpoint _dtls;
    private int _failedHandshakes;
    private readonly Queue<PeerDatagram> _transmits = new();
    private readonly Queue<WebRtcPeerEvent> _events = new();
    private readonly HashSet<IPEndPoint> _validated = [];
    private readonly DtlsRole _role;
    private SrtpSession? _srtp;
    private IPEndPoint? _remote;
    private bool _closed;

    public WebRtcPeer(WebRtcPeerOptions options, TimeProvider time)
    {
        _role = options.DtlsRole;
        _options = options;
        _ice = new IceLiteResponder(options.LocalIce, options.RemoteUfrag, time);
        _dtls = NewDtls();
        LocalUfrag = options.LocalIce.Ufrag;
    }

    /// <summary>Our current ICE ufrag (it changes with an ICE restart).</summary>
    public string LocalUfrag { get; private set; }

    /// <summary>Raised (on any thread, maybe under a lock) when DTLS produced output; only signal the host's loop.</summary>
    public event Action<WebRtcPeer>? OutputAvailable;

    /// <summary>Where media goes: the nominated address, else the latest validated one.</summary>
    public IPEndPoint? Remote
    {
        get
        {
            lock (_gate)
            {
                return _remote;
            }
        }
    }

    /// <summary>True once SRTP keys exist.</summary>
    public bool IsConnected
    {
        get
        {
            lock (_gate)
            {
                return _srtp is not null && !_closed;
            }
        }
    }

    public bool IsClosed
    {
        get
        {
            lock (_gate)
            {
                return _closed;
            }
        }
    }

    /// <summary>True when a connectivity check from <paramref name="remote"/> has authenticated: DTLS and media may come from it.</summary>
    public bool HasValidated(IPEndPoint remote)
    {
        lock (_gate)
        {
            return _validated.Contains(remote);
        }
    }

    public DateTimeOffset? NextTimeout
    {
        get
        {
            lock (_gate)
            {
                return _ice.NextTimeout;
            }
        }
    }

    /// <summary>
    /// Feeds one received datagram. SRTP and SRTCP are unprotected in place: on <see cref="PeerInput.Rtp"/> or
    /// <see cref="PeerInput.Rtcp"/> the plain packet is <c>datagram[..plainLength]</c>. Never throws for hostile input.
    /// </summary>
    public PeerInput HandleDatagram(Span<byte> datagram, IPEndPoint from, out int plainLength)
    {
        plainLength = 0;
        lock (_gate)
        {
            if (_closed)
            {
                return PeerInput.None;
            }
            switch (PacketDemultiplexer.Classify(datagram))
            {
                case PacketKind.Stun:
                    HandleStun(datagram, from);
                    return PeerInput.None;
                case PacketKind.Dtls when _validated.Contains(from):
                    _dtls.HandleDatagram(datagram);
                    DrainDtls();
                    return PeerInput.None;
                case PacketKind.Rtp when _srtp is not null && _validated.Contains(from):
                    return _srtp.Inbound.UnprotectRtp(datagram, out plainLength) == SrtpResult.Ok ? PeerInput.Rtp : PeerInput.None;
                case PacketKind.Rtcp when _srtp is not null && _validated.Contains(from):
                    return _srtp.Inbound.UnprotectRtcp(datagram, out plainLength) == SrtpResult.Ok ? PeerInput.Rtcp : PeerInput.None;
                default:
                    return PeerInput.None;
            }
        }
    }

    /// <summary>
    /// ICE restart (RFC 8445 §9) after a re-offer with new credentials: checks must now use the new ones. DTLS, SRTP
    /// and the validated addresses stay, so media keeps flowing on the old path until the peer nominates a new one.
    /// </summary>
    public void RestartIce(IceCredentials local, string? remoteUfrag)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }
            _ice.Restart(local, remoteUfrag);
            LocalUfrag = local.Ufrag;
        }
    }

    /// <summary>Protects a plain RTP packet and queues it for the remote address; false until connected.</summary>
    public bool SendRtp(ReadOnlySpan<byte> plain) => Send(plain, rtcp: false);

    /// <summary>Protects a plain RTCP compound packet and queues it; false until connected.</summary>
    public bool SendRtcp(ReadOnlySpan<byte> plain) => Send(plain, rtcp: true);

    public bool TryPollTransmit(out PeerDatagram datagram)
    {
        lock (_gate)
        {
            DrainDtls();
            return _transmits.TryDequeue(out datagram);
        }
    }

    public bool TryPollEvent([NotNullWhen(true)] out WebRtcPeerEvent? peerEvent)
    {
        lock (_gate)
        {
            DrainDtls();
            return _events.TryDequeue(out peerEvent);
        }
    }

    /// <summary>Runs the consent timer (RFC 7675 §5.1); call at <see cref="NextTimeout"/> or on any tick.</summary>
    public void HandleTimeout()
    {
        lock (_gate)
        {
            _ice.HandleTimeout();
            DrainIce();
            DrainDtls();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            Close("closed locally");
            while (_transmits.TryDequeue(out var d))
            {
                d.Release();
            }
        }
    }

    private bool Send(ReadOnlySpan<byte> plain, bool rtcp)
    {
        lock (_gate)
        {
            if (_srtp is null || _remote is null || _closed)
            {
                return false;
            }
            var context = _srtp.Outbound;
            var overhead = rtcp ? context.Parameters.RtcpOverhead : context.Parameters.RtpOverhead;
            var buffer = ArrayPool<byte>.Shared.Rent(plain.Length + overhead);
            plain.CopyTo(buffer);
            var result = rtcp
                ? context.ProtectRtcp(buffer, plain.Length, out var length)
                : context.ProtectRtp(buffer, plain.Length, out length);
            if (result != SrtpResult.Ok)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                return false;
            }
            _transmits.Enqueue(new PeerDatagram(buffer, length, _remote, Pooled: true));
            return true;
        }
    }

    private void HandleStun(ReadOnlySpan<byte> datagram, IPEndPoint from)
    {
        var response = ArrayPool<byte>.Shared.Rent(IceLiteResponder.MaxResponseLength);
        _ice.HandleStun(datagram, from, response, out var length);
        if (length > 0)
        {
            _transmits.Enqueue(new PeerDatagram(response, length, from, Pooled: true));
        }
        else
        {
            ArrayPool<byte>.Shared.Return(response);
        }
        DrainIce();
    }

    private void DrainIce()
    {
        while (_ice.TryPollEvent(out var iceEvent))
        {
            switch (iceEvent)
            {
                case IceRemoteValidated validated:
                    _validated.Add(validated.Remote);
                    // Until a nomination, answer DTLS and media at the address that proved itself last.
                    if (_ice.NominatedRemote is null)
                    {
                        _remote = validated.Remote;
                    }
                    // RFC 5763 §5: the active side starts DTLS once ICE has a working pair.
                    _dtls.Start();
                    break;
                case IceRemoteNominated nominated:
                    _remote = nominated.Remote;
                    break;
                case IceConsentExpired:
                    Close("ICE consent expired: no authenticated check for 30 s (RFC 7675 §5.1)");
                    break;
            }
        }
    }

    /// <summary>Moves DTLS flights to the transmit queue and turns DTLS events into SRTP state.</summary>
    private void DrainDtls()
    {
        while (_dtls.TryPollDatagram(out var flight))
        {
            if (_remote is not null && !_closed)
            {
                _transmits.Enqueue(new PeerDatagram(flight, flight.Length, _remote, Pooled: false));
            }
        }
        while (_dtls.TryPollEvent(out var dtlsEvent))
        {
            switch (dtlsEvent)
            {
                case DtlsHandshakeCompleted done when !_closed:
                    var profile = (SrtpProfile)(ushort)done.Keys.Profile;
                    var local = done.Keys.Local(_role);
                    var remote = done.Keys.Remote(_role);
                    _srtp = new SrtpSession(
                        new SrtpContext(profile, new SrtpMasterKey(local.Key, local.Salt)),
                        new SrtpContext(profile, new SrtpMasterKey(remote.Key, remote.Salt)));
                    _events.Enqueue(new WebRtcPeerConnected(profile, _remote!, done.Elapsed));
                    break;
                case DtlsFailed failed:
                    if (!TryRestartServerHandshake())
                    {
                        Close(failed.Reason);
                    }
                    return;
                case DtlsClosed { ByPeer: true }:
                    Close("the peer closed DTLS (close_notify)");
                    break;
            }
        }
    }

    /// <summary>Handshakes a DTLS server may fail (to garbage or a wrong certificate) before the peer gives up.</summary>
    public const int MaxFailedHandshakes = 3;

    private DtlsEndpoint NewDtls()
    {
        var dtls = _options.DtlsRole == DtlsRole.Server
            ? DtlsEndpoint.CreateServer(_options.Certificate, _options.RemoteFingerprint, _options.Dtls)
            : DtlsEndpoint.CreateClient(_options.Certificate, _options.RemoteFingerprint, _options.Dtls);
        dtls.OutputAvailable += _ => OutputAvailable?.Invoke(this);
        return dtls;
    }

    /// <summary>
    /// A server handshake that failed before any key existed was started by a bad ClientHello (forged, or
    /// corrupted on the way); a fresh server waits for the real one, a few times, instead of ending the session.
    /// </summary>
    private bool TryRestartServerHandshake()
    {
        if (_role != DtlsRole.Server || _srtp is not null || ++_failedHandshakes >= MaxFailedHandshakes)
        {
            return false;
        }
        _dtls.Dispose();
        _dtls = NewDtls();
        return true;
    }

    private void Close(string reason)
    {
        if (_closed)
        {
            return;
        }
        _closed = true;
        _dtls.Close();
        _srtp?.Dispose();
        _events.Enqueue(new WebRtcPeerClosed(reason));
    }
}
