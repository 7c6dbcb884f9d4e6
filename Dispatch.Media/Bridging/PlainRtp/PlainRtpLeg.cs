using System.Net;
using Dispatch.Media.Audio.G711;
using Dispatch.Media.Sdp;
using Dispatch.Media.Sdp.Negotiation;
using Dispatch.Media.WebRtc.Rtcp;
using Dispatch.Media.WebRtc.Rtp;

namespace Dispatch.Media.Bridging.PlainRtp;

/// <summary>
/// The media side of a call leg toward a SIP phone: plain RTP/AVP with G.711 and telephone-event, sans-I/O.
/// <code>
///   CreateOffer / AcceptAnswer     server-originated call (RFC 3264 §5, §6)
///   AcceptOffer                     phone-originated call (its offer, our answer)
///   OnDatagram(bytes, source)  ──►  Rtp (give to the bridge) | Rtcp (consumed) | Ignored
///   DestinationFor(rtp)        ──►  where to send our RTP: the latched source (RFC 4961) or the SDP address
///   Tick()                     ──►  SR/RR + SDES every ~5 s (RFC 3550 §6), MediaTimeout when the phone goes quiet
/// </code>
/// Time comes from the injected <see cref="TimeProvider"/>. Not thread-safe: the host serialises calls.
/// </summary>
public sealed partial class PlainRtpLeg
{
    private readonly PlainRtpLegOptions _options;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly RtpReceptionStatistics _reception;
    private readonly Queue<PlainRtpLegEvent> _events = new();
    private readonly Queue<(byte[] Packet, IPEndPoint To)> _rtcp = new();

    private SessionDescription? _offer;
    private IPEndPoint? _latchedRtp;
    private IPEndPoint? _latchedRtcp;
    private DateTimeOffset _lastRtpAt;
    private DateTimeOffset? _startedAt;
    private DateTimeOffset _nextReportAt;
    private bool _timedOut;

    private long _packetsSent;
    private long _octetsSent;
    private uint _lastSentTimestamp;
    private DateTimeOffset _lastSentAt;

    public PlainRtpLeg(PlainRtpLegOptions options, TimeProvider? time = null)
    {
        if (options.RtpPort is <= 0 or > 65534 || options.RtpPort % 2 != 0)
            throw new ArgumentException($"RTP port {options.RtpPort} must be even (RFC 3550 §11) and leave room for RTCP.", nameof(options));
        _options = options;
        _reception = new RtpReceptionStatistics(options.ClockRate);
        _time = time ?? TimeProvider.System;
        _random = new Random((int)options.Ssrc);
    }

    public PlainRtpLegOptions Options => _options;

    /// <summary>Set once an answer was accepted or an offer answered.</summary>
    public PlainRtpNegotiation? Negotiation { get; private set; }

    /// <summary>Where the phone's RTP comes from, once it arrived.</summary>
    public IPEndPoint? LatchedRemote => _latchedRtp;

    public long RtpReceived => _reception.Received;

    public long RtpSent => _packetsSent;

    /// <summary>The phone's latest reception report about our stream (RFC 3550 §6.4), null until one came.</summary>
    public ReportBlock? PeerReport { get; private set; }

    /// <summary>How many RTCP reports from the phone carried a block about our stream.</summary>
    public long PeerReports { get; private set; }

    /// <summary>Where our RTCP goes: the phone's RTCP source, else beside its latched RTP, else the signalled address.</summary>
    public IPEndPoint? RtcpDestination => Negotiation is null ? null
        : Negotiation.RtcpMux ? _latchedRtp ?? Negotiation.RemoteRtcp
        : _latchedRtcp ?? RtcpBesideLatchedRtp() ?? Negotiation.RemoteRtcp;

    /// <summary>Datagrams that were neither usable RTP nor RTCP.</summary>
    public long Ignored { get; private set; }

    public bool TryPollEvent(out PlainRtpLegEvent legEvent) => _events.TryDequeue(out legEvent);

    /// <summary>An RTCP compound to send and where; the host sends it from the RTCP socket (or the RTP one when muxed).</summary>
    public bool TryPollRtcp(out byte[] packet, out IPEndPoint destination)
    {
        packet = [];
        destination = null!;
        if (!_rtcp.TryDequeue(out var next)) return false;
        (packet, destination) = next;
        return true;
    }

    /// <summary>
    /// A datagram from the RTP socket (<paramref name="onRtcpPort"/> false) or the RTCP socket. With rtcp-mux both
    /// come on the RTP port and RFC 5761 §4 tells them apart by the second byte (RTCP packet types 192-223).
    /// </summary>
    public PlainRtpDatagram OnDatagram(ReadOnlySpan<byte> datagram, IPEndPoint source, bool onRtcpPort = false)
    {
        var now = _time.GetUtcNow();
        if (onRtcpPort || RtcpHeader.IsRtcp(datagram))
        {
            if (OnRtcp(datagram, source, now, onRtcpPort)) return PlainRtpDatagram.Rtcp;
            Ignored++;
            return PlainRtpDatagram.Ignored;
        }
        if (Negotiation is null || !RtpHeader.TryParse(datagram, out var header, out _))
        {
            Ignored++;
            return PlainRtpDatagram.Ignored;
        }
        Latch(source, now);
        _reception.OnPacket(header.Ssrc, header.SequenceNumber, header.Timestamp, now);
        _lastRtpAt = now;
        if (_timedOut)
        {
            _timedOut = false;
            _events.Enqueue(new PlainRtpLegEvent(PlainRtpLegEventKind.MediaResumed, now, source));
        }
        return PlainRtpDatagram.Rtp;
    }

    /// <summary>Counts an outgoing RTP packet for our SR and says where it goes (null: nowhere known yet, drop it).</summary>
    public IPEndPoint? DestinationFor(ReadOnlySpan<byte> rtp)
    {
        if (!RtpHeader.TryParse(rtp, out var header, out _)) return null;
        var destination = _latchedRtp ?? Negotiation?.RemoteRtp;
        if (destination is null) return null;
        _packetsSent++;
        _octetsSent += header.PayloadLength;
        _lastSentTimestamp = header.Timestamp;
        _lastSentAt = _time.GetUtcNow();
        return destination;
    }

    /// <summary>Reports due RTCP and media inactivity; call it at least every few hundred milliseconds.</summary>
    public void Tick()
    {
        if (_startedAt is null) return;
        var now = _time.GetUtcNow();
        if (!_timedOut && now - _lastRtpAt >= _options.InactivityTimeout)
        {
            _timedOut = true;
            _events.Enqueue(new PlainRtpLegEvent(PlainRtpLegEventKind.MediaTimeout, now, _latchedRtp));
        }
        if (now >= _nextReportAt)
        {
            QueueReport(now);
            _nextReportAt = now + NextInterval();
        }
    }

    private void Start(PlainRtpNegotiation negotiation)
    {
        Negotiation = negotiation;
        var now = _time.GetUtcNow();
        _startedAt = now;
        _lastRtpAt = now;
        // §6.2: the first report after half an interval.
        _nextReportAt = now + _options.RtcpInterval / 2;
    }

    private void Latch(IPEndPoint source, DateTimeOffset now)
    {
        if (_latchedRtp is not null && (_latchedRtp.Equals(source) || now - _lastRtpAt < _options.RelatchAfter)) return;
        _latchedRtp = new IPEndPoint(source.Address, source.Port);
        _events.Enqueue(new PlainRtpLegEvent(PlainRtpLegEventKind.Latched, now, _latchedRtp));
    }

    private bool OnRtcp(ReadOnlySpan<byte> datagram, IPEndPoint source, DateTimeOffset now, bool onRtcpPort)
    {
        if (!RtcpCompound.TryParse(datagram, out var compound, out _)) return false;
        if (onRtcpPort) _latchedRtcp ??= new IPEndPoint(source.Address, source.Port);
        foreach (var packet in compound!.Packets)
        {
            if (packet is SenderReport sr && sr.Ssrc == _reception.Ssrc) _reception.OnSenderReport(sr.NtpTimestamp, now);
            var blocks = packet switch
            {
                SenderReport report => report.Reports,
                ReceiverReport report => report.Reports,
                _ => [],
            };
            foreach (var block in blocks.Where(b => b.Ssrc == _options.Ssrc))
            {
                PeerReport = block;
                PeerReports++;
            }
            if (packet is Goodbye) _events.Enqueue(new PlainRtpLegEvent(PlainRtpLegEventKind.Goodbye, now, source));
        }
        return true;
    }

    private TimeSpan NextInterval() => _options.RtcpInterval * (0.5 + _random.NextDouble());

    private static G711Law LawOf(NegotiatedCodec codec) => codec.Is("PCMA") ? G711Law.ALaw : G711Law.MuLaw;
}
