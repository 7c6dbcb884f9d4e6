using System.Net;
using System.Security.Cryptography;
using Dispatch.Media.Sdp;
using Dispatch.Media.Sdp.Attributes;
using Dispatch.Media.Sdp.Negotiation;
using Dispatch.Media.WebRtc.Dtls;
using Dispatch.Media.WebRtc.Echo;
using Dispatch.Media.WebRtc.Hosting;
using Dispatch.Media.WebRtc.Ice;
using Dispatch.Media.WebRtc.Peer;
using Dispatch.Media.WebRtc.Rtcp;
using Dispatch.Media.WebRtc.Rtp;

namespace Dispatch.Media.WebRtc.Forwarding;

/// <summary>
/// A browser's leg of a call: the answer to its offer (ICE-lite, DTLS-SRTP, BUNDLE, rtcp-mux; Opus, VP8, H.264 when
/// offered; sendrecv), one <see cref="WebRtcPeer"/>, and the <see cref="IMediaLeg"/> face a forwarder uses.
/// <code>
///   host ─▶ HandleDatagram ─▶ WebRtcPeer (STUN, DTLS, SRTP) ─▶ plain RTP / RTCP ─▶ Sink (the forwarder)
///   forwarder ─▶ SendRtp / SendRtcp ─▶ WebRtcPeer (protect) ─▶ TransmitPending ─▶ host sends
///   every second: RR about the peer's streams (RFC 3550 §6.4.2)
/// </code>
/// All work happens under the call's lock (<c>gate</c>), shared by the legs of one call, so forwarding between two
/// legs never takes two locks. transport-cc is not negotiated: the forwarder generates no transport feedback.
/// </summary>
public sealed class WebRtcCallLeg : IWebRtcSession, IMediaLeg
{
    private static readonly MediaCapabilities LegCapabilities = MediaCapabilities.WebRtc with
    {
        AudioExtensions = [.. MediaCapabilities.WebRtc.AudioExtensions.Where(u => u != MediaCapabilities.TransportCcUri)],
        VideoExtensions = [.. MediaCapabilities.WebRtc.VideoExtensions.Where(u => u != MediaCapabilities.TransportCcUri)],
    };

    /// <summary>The same with H.264 ahead of VP8 (<see cref="CallLegSettings.PreferH264"/>).</summary>
    private static readonly MediaCapabilities H264FirstCapabilities = LegCapabilities with
    {
        Codecs = [.. LegCapabilities.Codecs.Where(c => c.Kind != "video"), .. LegCapabilities.Codecs.Where(c => c.Kind == "video").OrderBy(c => c.IsH264 ? 0 : 1)],
    };

    private readonly object _gate;
    private readonly TimeProvider _time;
    private readonly TimeSpan _reportInterval;
    private readonly Dictionary<uint, ReceiveStatistics> _received = [];
    private readonly byte[] _rtcp = new byte[1500];
    private readonly CallLegSettings _settings;
    private readonly IReadOnlyDictionary<string, LocalSendStream> _sendStreams;
    private readonly string _sessionId;
    private readonly string _remoteFingerprint;
    private string _remoteUfrag;
    private string _localPassword;
    private ulong _sessionVersion = 1;
    private DateTimeOffset _nextReport;
    private bool _connected;

    private WebRtcCallLeg(string callId, string legId, WebRtcPeer peer, Answered answered, CallLegSettings settings, TimeProvider time, object gate)
    {
        var (answerSdp, sections, sendStreams, sessionId, remoteUfrag, remoteFingerprint) = answered;
        _settings = settings;
        _sendStreams = sendStreams;
        _sessionId = sessionId;
        _remoteUfrag = remoteUfrag;
        _remoteFingerprint = remoteFingerprint;
        _localPassword = answered.LocalPassword;
        CallId = callId;
        LegId = legId;
        Peer = peer;
        AnswerSdp = answerSdp;
        Sections = sections;
        ReporterSsrc = sections.Select(s => s.Send?.Ssrc ?? 0).FirstOrDefault(s => s != 0, 1u);
        _reportInterval = settings.ReportInterval;
        _time = time;
        _gate = gate;
        CreatedAt = time.GetUtcNow();
        _nextReport = CreatedAt + _reportInterval;
    }

    public string CallId { get; }

    public string LegId { get; }

    public WebRtcPeer Peer { get; }

    /// <summary>The latest answer (the first one, or the one to the latest re-offer).</summary>
    public string AnswerSdp { get; private set; }

    public IReadOnlyList<LegSection> Sections { get; }

    public uint ReporterSsrc { get; }

    /// <summary>
    /// The profile-level-id of the H.264 this browser sends (RFC 6184 §8.1), when the first codec of its sendrecv video
    /// section is H.264 in packetization-mode 1; null otherwise (VP8 first, no video, receive only).
    /// </summary>
    public string? SentH264ProfileLevelId => Sections.FirstOrDefault(s => s.Kind == "video" && s.Send is not null)?.Codecs.FirstOrDefault() is { } codec
        && codec.Is("H264") && codec.ParameterMap.GetValueOrDefault("packetization-mode", "0") == "1"
        ? codec.ParameterMap.GetValueOrDefault("profile-level-id", "42000a") // RFC 6184 §8.1: absent means Baseline level 1
        : null;

    public DateTimeOffset CreatedAt { get; }

    public string LocalUfrag => Peer.LocalUfrag;

    public string Description => $"call {CallId} leg {LegId}";

    public bool IsConnected => Peer.IsConnected;

    public IMediaLegSink? Sink { get; set; }

    /// <summary>Raised once, when the host removed the leg; the reason says why (consent expired, DTLS failed, closed).</summary>
    public event Action<WebRtcCallLeg, string>? Removed;

    public event Action<IWebRtcSession>? TransmitPending;

    /// <summary>
    /// Answers a browser's offer (RFC 8829 §5.3.1) with a new leg. <paramref name="gate"/> is the call's lock.
    /// Throws <see cref="CallLegOfferException"/> naming what is wrong with the offer.
    /// </summary>
    public static WebRtcCallLeg Answer(string callId, string legId, string? offerSdp, CallLegSettings settings, TimeProvider time, object gate)
    {
        var local = IceCredentials.NewRandom();
        var cname = "dispatch-" + callId;
        var offer = Parse(offerSdp);
        var sendStreams = new Dictionary<string, LocalSendStream>();
        foreach (var m in offer.Media)
        {
            if (m.Mid() is { } mid && m.Media is "audio" or "video")
            {
                sendStreams[mid] = new LocalSendStream(RandomSsrc(), cname, $"call-{m.Media}-{mid}", m.Media == "video" ? RandomSsrc() : null);
            }
        }
        var answered = CreateAnswer(offer, local, sendStreams, RandomNumberGenerator.GetInt32(1, int.MaxValue).ToString(), 1, settings, cname);
        if (!CertificateFingerprint.TryParse(answered.RemoteFingerprint, out var remoteFingerprint) || remoteFingerprint is null)
        {
            throw new CallLegOfferException($"a=fingerprint '{answered.RemoteFingerprint}' is not a hash this server can check (use sha-256).");
        }
        var peer = new WebRtcPeer(new WebRtcPeerOptions
        {
            LocalIce = local,
            RemoteUfrag = answered.RemoteUfrag,
            Certificate = settings.Certificate,
            RemoteFingerprint = remoteFingerprint,
            DtlsRole = answered.DtlsRole,
            Dtls = settings.Dtls,
        }, time);
        return new WebRtcCallLeg(callId, legId, peer, answered, settings, time, gate);
    }

    /// <summary>
    /// Answers a re-offer on the same leg (RFC 8829 §5.3.2). New ICE credentials in it are an ICE restart (RFC 8445 §9):
    /// the answer carries new credentials of ours and checks must use them; DTLS, SRTP, our SSRCs and the forwarding
    /// routes stay. Codec or section changes are not applied (the answer still lists what was negotiated first).
    /// Returns true in <paramref name="iceRestarted"/> when the host must route the new ufrag.
    /// </summary>
    public string Renegotiate(string? offerSdp, out bool iceRestarted)
    {
        lock (_gate)
        {
            var offer = Parse(offerSdp);
            var transport = offer.Media.Select(m => (Ufrag: m.IceUfrag(offer), Fingerprint: m.Fingerprint(offer))).FirstOrDefault(t => t.Ufrag is not null);
            if (transport.Fingerprint is { } fingerprint && !string.Equals(fingerprint.ToString(), _remoteFingerprint, StringComparison.OrdinalIgnoreCase))
            {
                throw new CallLegOfferException("The re-offer changes a=fingerprint: a new DTLS association is not supported on a running leg; start a new call.");
            }
            iceRestarted = transport.Ufrag is { } ufrag && ufrag != _remoteUfrag;
            var local = iceRestarted ? IceCredentials.NewRandom() : null;
            var answered = CreateAnswer(offer, local ?? CurrentCredentials(), _sendStreams, _sessionId, ++_sessionVersion, _settings, "dispatch-" + CallId);
            if (local is not null)
            {
                _remoteUfrag = answered.RemoteUfrag;
                Peer.RestartIce(local, answered.RemoteUfrag);
                _localPassword = local.Password;
            }
            AnswerSdp = answered.Sdp;
            return AnswerSdp;
        }
    }

    private IceCredentials CurrentCredentials() => new(Peer.LocalUfrag, _localPassword);

    private static Sdp.SessionDescription Parse(string? offerSdp)
    {
        if (string.IsNullOrWhiteSpace(offerSdp))
        {
            throw new CallLegOfferException("The offer is empty: send the SDP from RTCPeerConnection.createOffer().");
        }
        var parsed = SdpParser.Parse(offerSdp);
        return parsed.IsSuccess ? parsed.Description : throw new CallLegOfferException($"The offer is not valid SDP: {parsed.Error}");
    }

    private sealed record Answered(string Sdp, IReadOnlyList<LegSection> Sections, IReadOnlyDictionary<string, LocalSendStream> SendStreams,
        string SessionId, string RemoteUfrag, string RemoteFingerprint)
    {
        public DtlsRole DtlsRole { get; init; }

        public required string LocalPassword { get; init; }
    }

    private static Answered CreateAnswer(Sdp.SessionDescription offer, IceCredentials local, IReadOnlyDictionary<string, LocalSendStream> sendStreams,
        string sessionId, ulong version, CallLegSettings settings, string cname)
    {
        var result = WebRtcAnswerer.CreateAnswer(offer, new WebRtcAnswerOptions
        {
            IceUfrag = local.Ufrag,
            IcePwd = local.Password,
            Fingerprint = Fingerprint.TryParse(settings.Certificate.Fingerprint.ToSdpValue(), out var fp) ? fp : throw new InvalidOperationException("Bad local fingerprint."),
            Candidates = settings.Candidates,
            SessionId = sessionId,
            SessionVersion = version,
            Capabilities = settings.PreferH264 ? H264FirstCapabilities : LegCapabilities,
            SendStreams = sendStreams,
            Cname = cname,
        });
        var sections = result.Accepted
            .Where(m => m.Mid is not null && sendStreams.ContainsKey(m.Mid))
            .Select(m => new LegSection(m.Mid!, m.Kind, m.Codecs, m.HeaderExtensions)
            {
                Send = m.Direction.Sends() ? sendStreams[m.Mid!] : null,
                RemoteSsrcs = m.RemoteSsrcs,
            })
            .ToList();
        if (sections.Count == 0 || result.Transport is null)
        {
            var reasons = string.Join("; ", result.Media.Select(m => $"m={m.Kind} mid {m.Mid ?? "?"}: {m.RejectionReason ?? "no mid"}"));
            throw new CallLegOfferException($"The offer has no audio or video section a call can carry ({reasons}).");
        }
        return new Answered(SdpSerializer.Serialize(result.LocalDescription), sections, sendStreams, sessionId, result.Transport.IceUfrag,
            result.Transport.Fingerprint.ToString())
        {
            DtlsRole = result.Transport.LocalSetup == SetupRole.Active ? DtlsRole.Client : DtlsRole.Server,
            LocalPassword = local.Password,
        };
    }

    public void HandleDatagram(Span<byte> datagram, IPEndPoint from)
    {
        lock (_gate)
        {
            var input = Peer.HandleDatagram(datagram, from, out var length);
            NoticeConnection();
            switch (input)
            {
                case PeerInput.Rtp:
                    var packet = datagram[..length];
                    if (RtpHeader.TryParse(packet, out var header, out _))
                    {
                        Statistics(header.Ssrc).OnPacket(header.SequenceNumber);
                        Sink?.OnRtp(this, packet);
                    }
                    break;
                case PeerInput.Rtcp:
                    HandleRtcp(datagram[..length]);
                    break;
            }
        }
    }

    public void HandleTimeout()
    {
        lock (_gate)
        {
            Peer.HandleTimeout();
            NoticeConnection();
            var now = _time.GetUtcNow();
            if (now < _nextReport)
            {
                return;
            }
            _nextReport = now + _reportInterval;
            if (Peer.IsConnected && _received.Count > 0)
            {
                var blocks = _received.Values.Take(31).Select(s => s.Report(_time)).ToArray();
                Peer.SendRtcp(_rtcp.AsSpan(0, ReceiverReport.Write(_rtcp, ReporterSsrc, blocks)));
            }
        }
    }

    public bool SendRtp(ReadOnlySpan<byte> packet)
    {
        if (!Peer.SendRtp(packet))
        {
            return false;
        }
        TransmitPending?.Invoke(this);
        return true;
    }

    public bool SendRtcp(ReadOnlySpan<byte> compound)
    {
        if (!Peer.SendRtcp(compound))
        {
            return false;
        }
        TransmitPending?.Invoke(this);
        return true;
    }

    public bool TryPollTransmit(out PeerDatagram datagram) => Peer.TryPollTransmit(out datagram);

    public bool TryPollEvent(out WebRtcPeerEvent? peerEvent) => Peer.TryPollEvent(out peerEvent);

    public void OnRemoved(string reason)
    {
        lock (_gate)
        {
            Sink = null;
        }
        Removed?.Invoke(this, reason);
    }

    public void Dispose() => Peer.Dispose();

    private void NoticeConnection()
    {
        if (_connected || !Peer.IsConnected)
        {
            return;
        }
        _connected = true;
        Sink?.OnConnected(this);
    }

    private void HandleRtcp(ReadOnlySpan<byte> compound)
    {
        if (!RtcpCompound.TryParse(compound, out var parsed, out _))
        {
            return;
        }
        foreach (var packet in parsed!.Packets)
        {
            if (packet is SenderReport report)
            {
                _received.GetValueOrDefault(report.Ssrc)?.OnSenderReport(report.NtpTimestamp, _time.GetTimestamp());
            }
        }
        Sink?.OnRtcp(this, parsed.Packets);
    }

    private ReceiveStatistics Statistics(uint ssrc)
    {
        if (!_received.TryGetValue(ssrc, out var statistics))
        {
            _received[ssrc] = statistics = new ReceiveStatistics(ssrc);
        }
        return statistics;
    }

    private static uint RandomSsrc() => (uint)RandomNumberGenerator.GetInt32(1, int.MaxValue);
}
