using Dispatch.Media.Audio;
using Dispatch.Media.Audio.Dtmf;
using Dispatch.Media.Audio.G711;
using Dispatch.Media.Audio.Jitter;
using Dispatch.Media.Audio.Opus;
using Dispatch.Media.Audio.Resampling;
using Dispatch.Media.WebRtc.Rtp;

namespace Dispatch.Media.Bridging;

/// <summary>
/// Bridges one call's audio between a WebRTC leg (Opus 48 kHz) and a SIP phone leg (G.711 8 kHz), sans-I/O, on a
/// 20 ms clock. Both inputs are plain (already decrypted) RTP; both outputs are RTP from the bridge's own SSRCs:
/// <code>
///  FromWebRtc ─► jitter ─► Opus decode (FEC/PLC) ─► 48→8 kHz ─► G.711 encode ─► TryPollToSip
///  FromSip    ─► jitter ─► G.711 decode (PLC)    ─► 8→48 kHz ─► Opus encode  ─► TryPollToWebRtc
///  telephone-event (RFC 4733) either way: passed at once, timestamps and durations rescaled
/// </code>
/// <see cref="Tick"/> plays one frame per direction for every 20 ms of virtual time that has passed. Not
/// thread-safe: the host calls it from one place (or under one lock).
/// </summary>
public sealed class AudioBridge
{
    private static readonly TimeSpan Frame = AudioFrame.Duration;
    /// <summary>A host that stalls longer than this catches up by skipping time, not by a burst of frames.</summary>
    private const int MaxCatchUpFrames = 10;

    private readonly AudioBridgeOptions _options;
    private readonly JitterBuffer _fromWebRtc;
    private readonly JitterBuffer _fromSip;
    private readonly OpusFrameDecoder _opusDecoder = new();
    private readonly OpusFrameEncoder _opusEncoder;
    private readonly Downsampler _downsampler = new();
    private readonly Upsampler _upsampler = new();
    private readonly G711Concealment _g711Concealment = new();
    private readonly OutboundRtpStream _toSip;
    private readonly OutboundRtpStream _toWebRtc;
    private readonly RtpPacketQueue _toSipQueue = new();
    private readonly RtpPacketQueue _toWebRtcQueue = new();
    private readonly TelephoneEventRelay _dtmfToSip = new(AudioFrame.FullbandRate, AudioFrame.NarrowbandRate);
    private readonly TelephoneEventRelay _dtmfToWebRtc = new(AudioFrame.NarrowbandRate, AudioFrame.FullbandRate);

    private readonly byte[] _payload = new byte[RtpPacketQueue.MaxDatagram];
    private readonly short[] _wide = new short[AudioFrame.FullbandSamples];
    private readonly short[] _narrow = new short[AudioFrame.NarrowbandSamples];
    private readonly byte[] _encoded = new byte[RtpPacketQueue.MaxDatagram];
    private TimeSpan? _nextTick;

    public AudioBridge(AudioBridgeOptions? options = null)
    {
        _options = options ?? new AudioBridgeOptions();
        _fromWebRtc = new JitterBuffer(_options.Jitter);
        _fromSip = new JitterBuffer(_options.Jitter);
        _opusEncoder = new OpusFrameEncoder(_options.OpusBitrate, _options.OpusComplexity);
        _toSip = new OutboundRtpStream(_options.ToSipSsrc, AudioBridgeOptions.RandomSequence(), AudioBridgeOptions.RandomTimestamp(), AudioFrame.NarrowbandSamples);
        _toWebRtc = new OutboundRtpStream(_options.ToWebRtcSsrc, AudioBridgeOptions.RandomSequence(), AudioBridgeOptions.RandomTimestamp(), AudioFrame.FullbandSamples);
        Statistics = new AudioBridgeStatistics(_fromWebRtc.Statistics, _fromSip.Statistics);
    }

    public AudioBridgeStatistics Statistics { get; }

    public AudioBridgeOptions Options => _options;

    /// <summary>An RTP packet from the browser (after SRTP): Opus or telephone-event/48000. False when ignored.</summary>
    public bool FromWebRtc(ReadOnlySpan<byte> packet, TimeSpan now)
    {
        if (!TryRead(packet, out var header)) return false;
        var payload = packet.Slice(header.PayloadOffset, header.PayloadLength);
        if (header.PayloadType == _options.WebRtcOpusPayloadType)
            return _fromWebRtc.Push(payload, header.SequenceNumber, header.Timestamp, now);
        if (header.PayloadType == _options.WebRtcTelephoneEventPayloadType)
            return RelayEvent(payload, header, _dtmfToSip, _toSip, _toSipQueue, _options.SipTelephoneEventPayloadType, isToSip: true);
        Statistics.UnknownPayloadType++;
        return false;
    }

    /// <summary>An RTP packet from the phone: G.711 of the negotiated law or telephone-event/8000. False when ignored.</summary>
    public bool FromSip(ReadOnlySpan<byte> packet, TimeSpan now)
    {
        if (!TryRead(packet, out var header)) return false;
        var payload = packet.Slice(header.PayloadOffset, header.PayloadLength);
        if (header.PayloadType == (byte)_options.SipLaw)
            return _fromSip.Push(payload, header.SequenceNumber, header.Timestamp, now);
        if (header.PayloadType == _options.SipTelephoneEventPayloadType)
            return RelayEvent(payload, header, _dtmfToWebRtc, _toWebRtc, _toWebRtcQueue, _options.WebRtcTelephoneEventPayloadType, isToSip: false);
        Statistics.UnknownPayloadType++;
        return false;
    }

    /// <summary>Plays one frame each way per 20 ms elapsed since the first tick.</summary>
    public void Tick(TimeSpan now)
    {
        _nextTick ??= now;
        if (now - _nextTick.Value > Frame * MaxCatchUpFrames) _nextTick = now - Frame * MaxCatchUpFrames;
        while (now >= _nextTick.Value)
        {
            Step(_nextTick.Value);
            _nextTick += Frame;
        }
    }

    /// <summary>When the next frame is due (null before the first tick).</summary>
    public TimeSpan? NextTickAt => _nextTick;

    public bool TryPollToSip(Span<byte> destination, out int length) => _toSipQueue.TryDequeue(destination, out length);

    public bool TryPollToWebRtc(Span<byte> destination, out int length) => _toWebRtcQueue.TryDequeue(destination, out length);

    private void Step(TimeSpan now)
    {
        _toSip.Advance(WebRtcToSip(now));
        _toWebRtc.Advance(SipToWebRtc(now));
        Statistics.OutputOverwritten = _toSipQueue.Overwritten + _toWebRtcQueue.Overwritten;
    }

    private bool WebRtcToSip(TimeSpan now)
    {
        var frame = _fromWebRtc.Pop(now, _payload);
        switch (frame.Kind)
        {
            case JitterFrameKind.Idle:
                return false;
            case JitterFrameKind.Frame:
                if (!_opusDecoder.Decode(_payload.AsSpan(0, frame.Length), _wide)) Statistics.CorruptOpus++;
                break;
            default:
                _opusDecoder.Conceal(_fromWebRtc.PeekNext(), _wide);
                break;
        }
        _downsampler.Process(_wide, _narrow);
        var codes = _encoded.AsSpan(0, AudioFrame.NarrowbandSamples);
        G711Codec.Encode(_options.SipLaw, _narrow, codes);
        var length = _toSip.WriteMedia(_toSipQueue.Reserve(), (byte)_options.SipLaw, codes);
        _toSipQueue.Commit(length);
        Statistics.SentToSip++;
        return true;
    }

    private bool SipToWebRtc(TimeSpan now)
    {
        var frame = _fromSip.Pop(now, _payload);
        switch (frame.Kind)
        {
            case JitterFrameKind.Idle:
                return false;
            case JitterFrameKind.Frame:
                var samples = Math.Min(frame.Length, AudioFrame.NarrowbandSamples);
                G711Codec.Decode(_options.SipLaw, _payload.AsSpan(0, samples), _narrow);
                _narrow.AsSpan(samples).Clear(); // a short packet (not ptime 20) plays its samples, then silence
                _g711Concealment.Remember(_narrow);
                break;
            default:
                _g711Concealment.Conceal(_narrow);
                break;
        }
        _upsampler.Process(_narrow, _wide);
        var encoded = _opusEncoder.Encode(_wide, _encoded);
        var length = _toWebRtc.WriteMedia(_toWebRtcQueue.Reserve(), _options.WebRtcOpusPayloadType, _encoded.AsSpan(0, encoded));
        _toWebRtcQueue.Commit(length);
        Statistics.SentToWebRtc++;
        return true;
    }

    private bool RelayEvent(ReadOnlySpan<byte> payload, RtpHeader header, TelephoneEventRelay relay, OutboundRtpStream stream,
        RtpPacketQueue queue, byte payloadType, bool isToSip)
    {
        if (!TelephoneEvent.TryParse(payload, out var inbound, out _))
        {
            Statistics.Malformed++;
            return false;
        }
        var (outbound, timestamp, marker) = relay.Translate(inbound, header.Timestamp, stream.Timestamp);
        Span<byte> eventPayload = stackalloc byte[TelephoneEvent.Length];
        outbound.Write(eventPayload);
        var length = stream.Write(queue.Reserve(), marker, payloadType, timestamp, eventPayload);
        queue.Commit(length);
        if (isToSip) Statistics.DtmfToSip++;
        else Statistics.DtmfToWebRtc++;
        return true;
    }

    private bool TryRead(ReadOnlySpan<byte> packet, out RtpHeader header)
    {
        if (RtpHeader.TryParse(packet, out header, out _)) return true;
        Statistics.Malformed++;
        return false;
    }
}
