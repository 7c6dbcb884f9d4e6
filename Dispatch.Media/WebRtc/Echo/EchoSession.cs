using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using Dispatch.Media.Sdp;
using Dispatch.Media.Sdp.Attributes;
using Dispatch.Media.Sdp.Negotiation;
using Dispatch.Media.WebRtc.Dtls;
using Dispatch.Media.WebRtc.Hosting;
using Dispatch.Media.WebRtc.Ice;
using Dispatch.Media.WebRtc.Peer;
using Dispatch.Media.WebRtc.Rtcp;
using Dispatch.Media.WebRtc.Rtp;

namespace Dispatch.Media.WebRtc.Echo;

/// <summary>
/// The "test my camera and microphone" peer: answers an audio/video offer and sends every RTP stream it
/// receives straight back to the sender under its own SSRCs, so the browser decodes its own media.
/// <code>
///   browser ──SRTP (ssrc A, V, V-rtx)──▶ EchoSession ──SRTP (ssrc a, v, v-rtx; same seq and timestamps)──▶ browser
///   browser ──PLI/FIR about v──▶ PLI about V ──▶ browser (its encoder makes a key frame, which comes back)
///   browser ──NACK about v─────▶ NACK about V ─▶ browser (it resends on V-rtx, reflected on v-rtx)
///   browser ──SR about V───────▶ SR about v (same NTP/RTP pair: the reflection keeps the timestamps)
///   every second: RR about A and V (RFC 3550 §6.4.2)
/// </code>
/// Sans-I/O like <see cref="WebRtcPeer"/>, which it wraps; drive it with <see cref="HandleDatagram"/>,
/// <see cref="HandleTimeout"/> and <see cref="TryPollTransmit"/>. Thread-safe.
/// </summary>
public sealed class EchoSession : IWebRtcSession
{
    /// <summary>
    /// Not echoed: transport-cc would make the browser expect feedback we do not generate, and the reflected
    /// packets carry the browser's own transport sequence numbers. Browsers fall back to REMB-free send rates.
    /// </summary>
    private static readonly MediaCapabilities EchoCapabilities = MediaCapabilities.WebRtc with
    {
        AudioExtensions = [.. MediaCapabilities.WebRtc.AudioExtensions.Where(u => u != MediaCapabilities.TransportCcUri)],
        VideoExtensions = [.. MediaCapabilities.WebRtc.VideoExtensions.Where(u => u != MediaCapabilities.TransportCcUri)],
    };

    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly EchoStreamMap _streams;
    private readonly Dictionary<uint, ReceiveStatistics> _received = [];
    private readonly Dictionary<uint, RtpForwardingRewriter> _rewriters = [];
    private readonly Dictionary<uint, (uint Packets, uint Octets)> _sent = [];
    private readonly uint _reporterSsrc;
    private readonly TimeSpan _reportInterval;
    private readonly byte[] _rtcp = new byte[1500];
    private DateTimeOffset _nextReport;

    private EchoSession(WebRtcPeer peer, string answerSdp, EchoStreamMap streams, uint reporterSsrc, EchoSettings settings, TimeProvider time)
    {
        Peer = peer;
        AnswerSdp = answerSdp;
        _streams = streams;
        _reporterSsrc = reporterSsrc;
        _reportInterval = settings.ReportInterval;
        _time = time;
        CreatedAt = time.GetUtcNow();
        _nextReport = time.GetUtcNow() + settings.ReportInterval;
    }

    public WebRtcPeer Peer { get; }

    /// <summary>When the answer was made; a host drops sessions that never connect.</summary>
    public DateTimeOffset CreatedAt { get; }

    public string AnswerSdp { get; }

    public string LocalUfrag => Peer.LocalUfrag;

    public string Description => "echo";

    /// <summary>Never raised: the echo sends only from within <see cref="HandleDatagram"/> and <see cref="HandleTimeout"/>.</summary>
    public event Action<IWebRtcSession>? TransmitPending
    {
        add { }
        remove { }
    }

    /// <summary>RTP packets sent back so far (for tests and logs).</summary>
    public long ReflectedPackets { get; private set; }

    /// <summary>Key frame requests relayed to the browser's video source.</summary>
    public long RelayedKeyFrameRequests { get; private set; }

    /// <summary>
    /// Answers <paramref name="offerSdp"/> (RFC 8829 §5.3.1) and returns the session that will echo its media.
    /// Throws <see cref="EchoOfferException"/> naming what is wrong with the offer.
    /// </summary>
    public static EchoSession Answer(string? offerSdp, EchoSettings settings, TimeProvider time)
    {
        if (string.IsNullOrWhiteSpace(offerSdp))
        {
            throw new EchoOfferException("The offer is empty: send the SDP from RTCPeerConnection.createOffer().");
        }
        var parsed = SdpParser.Parse(offerSdp);
        if (!parsed.IsSuccess)
        {
            throw new EchoOfferException($"The offer is not valid SDP: {parsed.Error}");
        }
        var offer = parsed.Description;
        var local = IceCredentials.NewRandom();
        var sendStreams = new Dictionary<string, LocalSendStream>();
        foreach (var m in offer.Media)
        {
            if (m.Mid() is { } mid && m.Media is "audio" or "video")
            {
                sendStreams[mid] = new LocalSendStream(RandomSsrc(), "dispatch-echo", "echo-" + m.Media + "-" + mid,
                    m.Media == "video" ? RandomSsrc() : null);
            }
        }
        var result = WebRtcAnswerer.CreateAnswer(offer, new WebRtcAnswerOptions
        {
            IceUfrag = local.Ufrag,
            IcePwd = local.Password,
            Fingerprint = Fingerprint.TryParse(settings.Certificate.Fingerprint.ToSdpValue(), out var fp) ? fp : throw new InvalidOperationException("Bad local fingerprint."),
            Candidates = settings.Candidates,
            SessionId = RandomNumberGenerator.GetInt32(1, int.MaxValue).ToString(),
            Capabilities = EchoCapabilities,
            SendStreams = sendStreams,
            Cname = "dispatch-echo",
        });
        var accepted = result.Accepted.Where(m => m.Mid is not null && sendStreams.ContainsKey(m.Mid)).ToList();
        if (accepted.Count == 0 || result.Transport is null)
        {
            var reasons = string.Join("; ", result.Media.Select(m => $"m={m.Kind} mid {m.Mid ?? "?"}: {m.RejectionReason ?? "no mid"}"));
            throw new EchoOfferException($"The offer has no audio or video section the echo can answer ({reasons}).");
        }
        if (!CertificateFingerprint.TryParse(result.Transport.Fingerprint.ToString(), out var remoteFingerprint) || remoteFingerprint is null)
        {
            throw new EchoOfferException($"a=fingerprint '{result.Transport.Fingerprint}' is not a hash this server can check (use sha-256).");
        }
        var peer = new WebRtcPeer(new WebRtcPeerOptions
        {
            LocalIce = local,
            RemoteUfrag = result.Transport.IceUfrag,
            Certificate = settings.Certificate,
            RemoteFingerprint = remoteFingerprint,
            DtlsRole = result.Transport.LocalSetup == SetupRole.Active ? DtlsRole.Client : DtlsRole.Server,
            Dtls = settings.Dtls,
        }, time);
        var map = new EchoStreamMap(accepted.Select(m => (m, sendStreams[m.Mid!])));
        var reporter = sendStreams[accepted[0].Mid!].Ssrc;
        return new EchoSession(peer, SdpSerializer.Serialize(result.LocalDescription), map, reporter, settings, time);
    }

    public DateTimeOffset? NextTimeout
    {
        get
        {
            lock (_gate)
            {
                var ice = Peer.NextTimeout;
                return ice is null || ice > _nextReport ? _nextReport : ice;
            }
        }
    }

    /// <summary>Feeds one datagram routed to this session; media is reflected, feedback relayed. Never throws for hostile input.</summary>
    public void HandleDatagram(Span<byte> datagram, IPEndPoint from)
    {
        lock (_gate)
        {
            switch (Peer.HandleDatagram(datagram, from, out var length))
            {
                case PeerInput.Rtp:
                    Reflect(datagram[..length]);
                    break;
                case PeerInput.Rtcp:
                    Relay(datagram[..length]);
                    break;
            }
        }
    }

    public void HandleTimeout()
    {
        lock (_gate)
        {
            Peer.HandleTimeout();
            var now = _time.GetUtcNow();
            if (now < _nextReport)
            {
                return;
            }
            _nextReport = now + _reportInterval;
            SendReceiverReport();
        }
    }

    public bool TryPollTransmit(out PeerDatagram datagram) => Peer.TryPollTransmit(out datagram);

    public bool TryPollEvent(out WebRtcPeerEvent? peerEvent) => Peer.TryPollEvent(out peerEvent);

    public void OnRemoved(string reason)
    {
    }

    public void Dispose() => Peer.Dispose();

    private void Reflect(Span<byte> packet)
    {
        if (!RtpHeader.TryParse(packet, out var header, out _))
        {
            return;
        }
        var output = _streams.OutputFor(header.Ssrc, header.PayloadType, out var newSource);
        if (output is null)
        {
            return;
        }
        if (!_received.TryGetValue(header.Ssrc, out var stats))
        {
            _received[header.Ssrc] = stats = new ReceiveStatistics(header.Ssrc);
        }
        stats.OnPacket(header.SequenceNumber);
        if (!_rewriters.TryGetValue(output.Value, out var rewriter))
        {
            _rewriters[output.Value] = rewriter = new RtpForwardingRewriter(output.Value, _streams.ClockRateOf(output.Value), _time);
        }
        if (newSource)
        {
            // The browser changed SSRC (or this is the first): keep our stream continuous across the switch.
            rewriter.SelectSource(header.Ssrc);
        }
        if (!rewriter.TryRewrite(packet) || !Peer.SendRtp(packet))
        {
            return;
        }
        ReflectedPackets++;
        var (packets, octets) = _sent.GetValueOrDefault(output.Value);
        _sent[output.Value] = (packets + 1, octets + (uint)(packet.Length - header.HeaderLength));
    }

    /// <summary>Answers the browser's RTCP about our streams by asking its matching source (RFC 4585 §6.3, RFC 5104 §4.3.1).</summary>
    private void Relay(ReadOnlySpan<byte> compound)
    {
        if (!RtcpCompound.TryParse(compound, out var parsed, out _))
        {
            return;
        }
        foreach (var packet in parsed!.Packets)
        {
            switch (packet)
            {
                case SenderReport sr:
                    _received.GetValueOrDefault(sr.Ssrc)?.OnSenderReport(sr.NtpTimestamp, _time.GetTimestamp());
                    if (_streams.OutputOf(sr.Ssrc) is { } output && _sent.TryGetValue(output, out var counts))
                    {
                        var length = SenderReport.Write(_rtcp, output, sr.NtpTimestamp, sr.RtpTimestamp, counts.Packets, counts.Octets);
                        Peer.SendRtcp(_rtcp.AsSpan(0, length));
                    }
                    break;
                case PictureLossIndication pli:
                    RequestKeyFrame(pli.MediaSsrc);
                    break;
                case FullIntraRequest fir:
                    foreach (var entry in fir.Entries)
                    {
                        RequestKeyFrame(entry.Ssrc);
                    }
                    break;
                case GenericNack nack when _streams.SourceOf(nack.MediaSsrc) is { } source && nack.LostSequenceNumbers.Count > 0:
                    var lost = nack.LostSequenceNumbers.ToArray();
                    var offset = ReceiverReport.Write(_rtcp, _reporterSsrc, []);
                    offset += GenericNack.Write(_rtcp.AsSpan(offset), nack.MediaSsrc, source, lost);
                    Peer.SendRtcp(_rtcp.AsSpan(0, offset));
                    break;
            }
        }
    }

    private void RequestKeyFrame(uint ourSsrc)
    {
        if (_streams.SourceOf(ourSsrc) is not { } source)
        {
            return;
        }
        // RFC 3550 §6.1: a compound packet starts with a report; an empty RR is the smallest.
        var offset = ReceiverReport.Write(_rtcp, _reporterSsrc, []);
        offset += PictureLossIndication.Write(_rtcp.AsSpan(offset), ourSsrc, source);
        if (Peer.SendRtcp(_rtcp.AsSpan(0, offset)))
        {
            RelayedKeyFrameRequests++;
        }
    }

    private void SendReceiverReport()
    {
        if (!Peer.IsConnected || _received.Count == 0)
        {
            return;
        }
        var blocks = _received.Values.Take(31).Select(s => s.Report(_time)).ToArray();
        var length = ReceiverReport.Write(_rtcp, _reporterSsrc, blocks);
        Peer.SendRtcp(_rtcp.AsSpan(0, length));
    }

    private static uint RandomSsrc() => (uint)RandomNumberGenerator.GetInt32(1, int.MaxValue);
}
