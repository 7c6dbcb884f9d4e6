using BenchmarkDotNet.Attributes;
using Dispatch.Media.Audio;
using Dispatch.Media.Audio.G711;
using Dispatch.Media.Audio.Opus;
using Dispatch.Media.Audio.Resampling;
using Dispatch.Media.Bridging;
using Dispatch.Media.WebRtc.Rtp;

namespace Dispatch.Benchmarks.Media;

/// <summary>
/// One 20 ms frame through the WebRTC ↔ SIP audio bridge, each way and both, against its parts: G.711 encode of a
/// frame (the baseline), Opus decode and encode alone, and each resampler. A bridged call costs one frame each way
/// per 20 ms, so calls per core ≈ 20 ms / BothWays.
/// </summary>
[MemoryDiagnoser]
public class AudioBridgeBenchmarks
{
    private const int Packets = 50;
    private readonly short[] _wide = new short[AudioFrame.FullbandSamples];
    private readonly short[] _narrow = new short[AudioFrame.NarrowbandSamples];
    private readonly byte[] _codes = new byte[AudioFrame.NarrowbandSamples];
    private readonly byte[] _out = new byte[1500];
    private byte[][] _opusRtp = null!;
    private byte[][] _g711Rtp = null!;
    private byte[] _opusPayload = null!;
    private OpusFrameEncoder _encoder = null!;
    private OpusFrameDecoder _decoder = null!;
    private Downsampler _downsampler = null!;
    private Upsampler _upsampler = null!;
    private AudioBridge _bridge = null!;
    private long _frame;

    [GlobalSetup]
    public void Setup()
    {
        _encoder = new OpusFrameEncoder();
        _decoder = new OpusFrameDecoder();
        _downsampler = new Downsampler();
        _upsampler = new Upsampler();
        _opusRtp = new byte[Packets][];
        _g711Rtp = new byte[Packets][];
        var buffer = new byte[OpusFrameEncoder.MaxPacketBytes];
        for (var f = 0; f < Packets; f++)
        {
            // Speech-like: two tones with a slow amplitude swing, so Opus works as hard as on voice.
            for (var i = 0; i < _wide.Length; i++)
            {
                var t = (f * 960 + i) / 48000.0;
                _wide[i] = (short)((4000 + 3000 * Math.Sin(2 * Math.PI * 3 * t)) * (Math.Sin(2 * Math.PI * 440 * t) + 0.5 * Math.Sin(2 * Math.PI * 1375 * t)));
            }
            var length = _encoder.Encode(_wide, buffer);
            _opusRtp[f] = new byte[12 + length];
            RtpHeaderWriter.Write(_opusRtp[f], false, 111, 0, 0, 1);
            buffer.AsSpan(0, length).CopyTo(_opusRtp[f].AsSpan(12));
            _downsampler.Process(_wide, _narrow);
            MuLaw.Encode(_narrow, _codes);
            _g711Rtp[f] = new byte[12 + 160];
            RtpHeaderWriter.Write(_g711Rtp[f], false, 0, 0, 0, 2);
            _codes.CopyTo(_g711Rtp[f].AsSpan(12));
        }
        _opusPayload = _opusRtp[10][12..];
        _bridge = new AudioBridge();
    }

    [Benchmark(Baseline = true)]
    public byte G711EncodeFrame()
    {
        MuLaw.Encode(_narrow, _codes);
        return _codes[0];
    }

    [Benchmark]
    public short OpusDecodeFrame()
    {
        _decoder.Decode(_opusPayload, _wide);
        return _wide[0];
    }

    [Benchmark]
    public int OpusEncodeFrame() => _encoder.Encode(_wide, _out);

    [Benchmark]
    public int Downsample48To8() => _downsampler.Process(_wide, _narrow);

    [Benchmark]
    public int Upsample8To48() => _upsampler.Process(_narrow, _wide);

    /// <summary>Opus in → decode → 48→8 kHz → µ-law → RTP out, jitter buffer included.</summary>
    [Benchmark]
    public int WebRtcToSipFrame() => Step(webRtc: true, sip: false);

    /// <summary>µ-law in → decode → 8→48 kHz → Opus encode → RTP out, jitter buffer included.</summary>
    [Benchmark]
    public int SipToWebRtcFrame() => Step(webRtc: false, sip: true);

    [Benchmark]
    public int BothWaysFrame() => Step(webRtc: true, sip: true);

    private int Step(bool webRtc, bool sip)
    {
        var now = TimeSpan.FromMilliseconds(20 * _frame);
        var index = (int)(_frame % Packets);
        if (webRtc)
        {
            Stamp(_opusRtp[index], 960);
            _bridge.FromWebRtc(_opusRtp[index], now);
        }
        if (sip)
        {
            Stamp(_g711Rtp[index], 160);
            _bridge.FromSip(_g711Rtp[index], now);
        }
        _bridge.Tick(now);
        _frame++;
        var total = 0;
        while (_bridge.TryPollToSip(_out, out var n)) total += n;
        while (_bridge.TryPollToWebRtc(_out, out var n)) total += n;
        return total;
    }

    private void Stamp(byte[] packet, int samplesPerFrame) =>
        RtpHeaderWriter.Write(packet, false, packet[1], (ushort)_frame, (uint)(_frame * samplesPerFrame), System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(packet.AsSpan(8)));
}
