using System.Security.Cryptography;
using Dispatch.Media.Bridging.Hosting;
using Dispatch.Media.Bridging.PlainRtp;
using Dispatch.Media.Bridging.Video;
using Dispatch.Media.Sdp;
using Dispatch.Media.Sdp.Negotiation;
using Dispatch.Media.WebRtc.Forwarding;

namespace Dispatch.Media.Bridging;

/// <summary>
/// A SIP phone's plain RTP leg seen by the forwarder as if it were a browser that speaks Opus: an
/// <see cref="AudioBridge"/> sits between the <see cref="PlainRtpChannel"/> (G.711 toward the phone) and the
/// <see cref="IMediaLeg"/> contract (Opus 48 kHz toward the other leg). Given a video channel and the browser's H.264
/// profile, the offer also carries an H.264 video section; when the phone accepts it, a second <see cref="LegSection"/>
/// routes the browser's H.264 through <see cref="PhoneVideoPassThrough"/> untouched but for the forwarder's rewrite.
/// Without it (no H.264 from the browser, port 0 or no H.264 in the answer) the call is audio only and the forwarder
/// drops the browser's video.
/// <code>
///   phone ─G.711 RTP─▶ channel ─▶ bridge.FromSip            tick (20 ms): bridge ─TryPollToWebRtc─▶ Sink.OnRtp ─▶ other leg
///   other leg ─Opus RTP─▶ SendRtp ─▶ bridge.FromWebRtc       tick (20 ms): bridge ─TryPollToSip──▶ channel ─▶ phone
///   other leg ─H.264 RTP─▶ SendRtp ─▶ video channel ─▶ phone     phone ─H.264─▶ video channel ─▶ Sink.OnRtp ─▶ other leg
/// </code>
/// Locks: the channel's callbacks run under its own gate and take the call's gate inside it; the other leg reaches
/// <see cref="SendRtp"/> holding only the call's gate. The bridge is touched only under the call's gate, and the order
/// (channel, then call) is the same everywhere, so the two never deadlock.
/// </summary>
public sealed class BridgedSipLeg : IMediaLeg, IAsyncDisposable
{
    /// <summary>The payload types of our Opus-side numbering; the forwarder maps them to the browser's by codec.</summary>
    public const byte OpusPayloadType = 111;
    public const byte TelephoneEventPayloadType = 126;

    private readonly PlainRtpChannel _channel;
    private readonly object _callGate;
    private readonly uint _toWebRtcSsrc = RandomSsrc();
    private readonly byte[] _scratch = new byte[1500];
    private readonly string? _profileLevelId;
    private PhoneVideoPassThrough? _video;
    private SipVideoOffer? _videoOffer;
    private AudioBridge? _bridge;
    private int _removed;

    /// <summary>
    /// <paramref name="video"/> (optional) carries H.264 at <paramref name="h264ProfileLevelId"/> when the phone accepts
    /// it; its channel must run under <paramref name="callGate"/>.
    /// </summary>
    public BridgedSipLeg(string callId, string legId, PlainRtpChannel channel, object callGate,
        PhoneVideoPassThrough? video = null, string? h264ProfileLevelId = null)
    {
        CallId = callId;
        LegId = legId;
        _channel = channel;
        _callGate = callGate;
        _video = h264ProfileLevelId is null ? null : video;
        _profileLevelId = h264ProfileLevelId;
        if (video is not null && _video is null)
        {
            // Nothing to offer on it: give its ports back.
            _ = Task.Run(() => video.DisposeAsync().AsTask());
        }
        ReporterSsrc = RandomSsrc();
        if (_video is not null)
        {
            _video.Received = OnPhoneVideo;
            _video.FeedbackReceived = OnPhoneVideoRtcp;
        }
        Sections =
        [
            new LegSection("0", "audio",
            [
                new NegotiatedCodec(OpusPayloadType, "opus", 48000, 2, "minptime=10;useinbandfec=1", ["transport-cc"]),
                new NegotiatedCodec(TelephoneEventPayloadType, "telephone-event", 48000, null, "", []),
            ], [])
            {
                Send = new LocalSendStream(_toWebRtcSsrc, "dispatch-bridge", "bridge-audio-" + legId),
            },
        ];
        channel.MediaReceived = OnPhoneRtp;
        channel.Ticked = OnTick;
        channel.EventRaised = OnLegEvent;
    }

    public string CallId { get; }

    public string LegId { get; }

    public IReadOnlyList<LegSection> Sections { get; private set; }

    public uint ReporterSsrc { get; }

    public PlainRtpChannel Channel => _channel;

    /// <summary>True once the phone's answer was accepted: the bridge exists and audio can flow.</summary>
    public bool IsConnected => _bridge is not null;

    public IMediaLegSink? Sink { get; set; }

    /// <summary>The bridge's counters (frames each way, concealment, DTMF); null before the phone answered.</summary>
    public AudioBridgeStatistics? Statistics => _bridge?.Statistics;

    /// <summary>The phone's video, once it accepted H.264; null for an audio-only call.</summary>
    public PhoneVideoPassThrough? Video => _video?.Section is null ? null : _video;

    /// <summary>Why the call has no video toward the phone; null when it has (or before the answer).</summary>
    public string? VideoRejection { get; private set; }

    /// <summary>Raised once when the leg goes: the phone went silent, said goodbye in RTCP, or signalling closed it.</summary>
    public event Action<BridgedSipLeg, string>? Removed;

    /// <summary>
    /// The SDP offer for the INVITE to the phone (PCMU, PCMA, telephone-event; this node's address and port), plus
    /// H.264 video on the video channel's port when this leg has one.
    /// </summary>
    public string CreateOffer()
    {
        _videoOffer = _video is { } video ? video.Offer(_profileLevelId!) : null;
        lock (_channel.Gate)
        {
            return _channel.Leg.CreateOffer(_videoOffer).ToString();
        }
    }

    /// <summary>Reads the phone's answer and starts the bridge; false with a reason when it is unusable.</summary>
    public bool AcceptAnswer(string sdpAnswer, out string? error)
    {
        var parsed = SessionDescription.Parse(sdpAnswer);
        if (!parsed.IsSuccess)
        {
            error = $"the phone's SDP answer does not parse: {parsed.Error}";
            return false;
        }
        lock (_channel.Gate)
        {
            if (!_channel.Leg.AcceptAnswer(parsed.Description, out error))
            {
                return false;
            }
            lock (_callGate)
            {
                StartVideo();
                _bridge = new AudioBridge(_channel.Leg.Negotiation!.ToBridgeOptions(new AudioBridgeOptions
                {
                    ToSipSsrc = _channel.Leg.Options.Ssrc,
                    ToWebRtcSsrc = _toWebRtcSsrc,
                    WebRtcOpusPayloadType = OpusPayloadType,
                    WebRtcTelephoneEventPayloadType = TelephoneEventPayloadType,
                }));
                Sink?.OnConnected(this);
            }
            return true;
        }
    }

    /// <summary>Opus (or telephone-event) for the bridge, or H.264 for the phone, already in our numbering; called under the call's gate.</summary>
    public bool SendRtp(ReadOnlySpan<byte> packet)
    {
        if (_bridge is not { } bridge)
        {
            return false;
        }
        if (Video is { } video && packet.Length > 1 && video.Carries((byte)(packet[1] & 0x7F)))
        {
            return video.Send(packet);
        }
        return bridge.FromWebRtc(packet, _channel.Now);
    }

    /// <summary>
    /// Feedback about the phone's video (PLI, FIR, NACK) goes to the phone as it asked for it; the rest means nothing
    /// here, since each channel sends its own SR/RR (the bridge re-encodes audio, so no audio feedback applies).
    /// </summary>
    public bool SendRtcp(ReadOnlySpan<byte> compound)
    {
        if (!IsConnected)
        {
            return false;
        }
        Video?.SendFeedback(compound);
        return true;
    }

    /// <summary>Under the call's gate, before the bridge exists: the phone's answer to the video section decides.</summary>
    private void StartVideo()
    {
        if (_video is not { } video)
        {
            VideoRejection = "no H.264 video from the browser to offer";
            return;
        }
        if (video.Accept(_channel.Leg.NegotiatedVideo, _videoOffer?.Codec.PreferredPayloadType ?? 0, out var reason))
        {
            Sections = [Sections[0], video.Section!];
            return;
        }
        VideoRejection = reason;
        _video = null;
        // Its ports go back to the pool; not on this thread, which holds the call's gate the channel's loops take.
        _ = Task.Run(() => video.DisposeAsync().AsTask());
    }

    /// <summary>Stops the channel; raises <see cref="Removed"/> once with the reason.</summary>
    public async ValueTask CloseAsync(string reason)
    {
        if (Interlocked.Exchange(ref _removed, 1) != 0)
        {
            return;
        }
        await _channel.DisposeAsync();
        if (_video is { } video)
        {
            await video.DisposeAsync();
        }
        Removed?.Invoke(this, reason);
    }

    public ValueTask DisposeAsync() => CloseAsync("disposed");

    private void OnPhoneRtp(ReadOnlyMemory<byte> packet, TimeSpan now)
    {
        lock (_callGate)
        {
            _bridge?.FromSip(packet.Span, now);
        }
    }

    /// <summary>The phone's H.264, under the call's gate (the video channel's lock).</summary>
    private void OnPhoneVideo(Span<byte> packet)
    {
        if (_bridge is not null)
        {
            Sink?.OnRtp(this, packet);
        }
    }

    private void OnPhoneVideoRtcp(IReadOnlyList<WebRtc.Rtcp.RtcpPacket> packets)
    {
        if (_bridge is not null)
        {
            Sink?.OnRtcp(this, packets);
        }
    }

    private void OnTick(TimeSpan now)
    {
        lock (_callGate)
        {
            if (_bridge is not { } bridge)
            {
                return;
            }
            bridge.Tick(now);
            while (bridge.TryPollToSip(_scratch, out var length))
            {
                _channel.Send(_scratch.AsSpan(0, length));
            }
            while (bridge.TryPollToWebRtc(_scratch, out var length))
            {
                Sink?.OnRtp(this, _scratch.AsSpan(0, length));
            }
        }
    }

    private void OnLegEvent(PlainRtpLegEvent legEvent)
    {
        var reason = legEvent.Kind switch
        {
            PlainRtpLegEventKind.MediaTimeout => "the phone sent no RTP for the inactivity timeout",
            PlainRtpLegEventKind.Goodbye => "the phone said goodbye in RTCP (RFC 3550 §6.6)",
            _ => null,
        };
        if (reason is not null)
        {
            // Not under the channel's gate: disposing waits for its loops, one of which is running this.
            _ = Task.Run(() => CloseAsync(reason).AsTask());
        }
    }

    private static uint RandomSsrc() => BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(4)) | 1;
}
