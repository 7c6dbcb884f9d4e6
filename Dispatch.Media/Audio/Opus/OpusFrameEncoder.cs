using Concentus;
using Concentus.Enums;

namespace Dispatch.Media.Audio.Opus;

/// <summary>
/// Encodes 20 ms mono 48 kHz frames with Concentus for a WebRTC leg (RFC 7587). In-band FEC is on (RFC 6716
/// §2.1.7) so the browser can rebuild a lost frame from the next one; the voice application and a moderate
/// complexity keep the cost near 200 µs a frame (TOOLING.md). One per outbound stream; not thread-safe.
/// </summary>
public sealed class OpusFrameEncoder
{
    /// <summary>RFC 6716 §3.4 (R5): an Opus frame never exceeds 1275 bytes.</summary>
    public const int MaxPacketBytes = 1275;

    private readonly IOpusEncoder _encoder;

    public OpusFrameEncoder(int bitrate = 32000, int complexity = 5, int expectedLossPercent = 10)
    {
        _encoder = OpusCodecFactory.CreateEncoder(AudioFrame.FullbandRate, 1, OpusApplication.OPUS_APPLICATION_VOIP);
        _encoder.Bitrate = bitrate;
        _encoder.Complexity = complexity;
        _encoder.UseInbandFEC = true;
        _encoder.PacketLossPercent = expectedLossPercent;
        _encoder.SignalType = OpusSignal.OPUS_SIGNAL_VOICE;
    }

    /// <summary>Encodes one 960-sample frame; returns the packet length.</summary>
    public int Encode(ReadOnlySpan<short> frame, Span<byte> packet)
    {
        if (frame.Length != AudioFrame.FullbandSamples)
            throw new ArgumentException($"Opus frames here are {AudioFrame.FullbandSamples} samples (20 ms at 48 kHz).", nameof(frame));
        return _encoder.Encode(frame, AudioFrame.FullbandSamples, packet, Math.Min(packet.Length, MaxPacketBytes));
    }
}
