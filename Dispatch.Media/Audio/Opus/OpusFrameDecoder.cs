using Concentus;

namespace Dispatch.Media.Audio.Opus;

/// <summary>
/// Decodes a WebRTC leg's Opus packets (RFC 7587) to 20 ms mono 48 kHz frames with Concentus; a stereo packet is
/// down-mixed by the decoder. A missing frame is rebuilt from the next packet's in-band FEC when the jitter buffer
/// already holds it (RFC 6716 §4.2.5 LBRR), else by the decoder's packet loss concealment.
/// </summary>
public sealed class OpusFrameDecoder
{
    private readonly IOpusDecoder _decoder = OpusCodecFactory.CreateDecoder(AudioFrame.FullbandRate, 1);

    /// <summary>Decodes a packet into a 960-sample frame; false (frame concealed) when the packet is corrupt.</summary>
    public bool Decode(ReadOnlySpan<byte> packet, Span<short> frame)
    {
        try
        {
            var samples = _decoder.Decode(packet, frame, AudioFrame.FullbandSamples, false);
            if (samples == AudioFrame.FullbandSamples) return true;
            // A packet of another duration (RFC 7587 allows 2.5-120 ms) is not what the SDP asked for: conceal instead.
        }
        catch (Exception e) when (e is OpusException or ArgumentException or IndexOutOfRangeException)
        {
            // Concentus reports corrupt packets by throwing; a bad packet must cost one frame, not the call.
        }
        Conceal(default, frame);
        return false;
    }

    /// <summary>Fills a frame that never arrived: from <paramref name="nextPacket"/>'s FEC data if given, else PLC.</summary>
    public void Conceal(ReadOnlySpan<byte> nextPacket, Span<short> frame)
    {
        try
        {
            if (!nextPacket.IsEmpty && _decoder.Decode(nextPacket, frame, AudioFrame.FullbandSamples, true) == AudioFrame.FullbandSamples)
                return;
            if (_decoder.Decode(ReadOnlySpan<byte>.Empty, frame, AudioFrame.FullbandSamples, false) == AudioFrame.FullbandSamples)
                return;
        }
        catch (Exception e) when (e is OpusException or ArgumentException or IndexOutOfRangeException)
        {
        }
        frame[..AudioFrame.FullbandSamples].Clear();
    }
}
