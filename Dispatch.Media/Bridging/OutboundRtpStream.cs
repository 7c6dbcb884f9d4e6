using Dispatch.Media.WebRtc.Rtp;

namespace Dispatch.Media.Bridging;

/// <summary>
/// The bridge's own RTP stream in one direction (RFC 3550 §5.1): its SSRC, a sequence number that grows by one
/// per packet sent, and a media timestamp that grows with the clock every 20 ms whether or not a packet is sent,
/// so a pause shows as a timestamp gap. The marker bit opens each talkspurt (RFC 3551 §4.1).
/// </summary>
internal sealed class OutboundRtpStream(uint ssrc, ushort firstSequence, uint firstTimestamp, int samplesPerFrame)
{
    private bool _sentLastFrame;

    public uint Ssrc { get; } = ssrc;

    public ushort NextSequence { get; private set; } = firstSequence;

    /// <summary>The timestamp of the frame going out at the current tick.</summary>
    public uint Timestamp { get; private set; } = firstTimestamp;

    public long PacketsSent { get; private set; }

    /// <summary>Writes a media packet for the current tick; returns its length.</summary>
    public int WriteMedia(Span<byte> destination, byte payloadType, ReadOnlySpan<byte> payload)
    {
        var marker = !_sentLastFrame;
        _sentLastFrame = true;
        return Write(destination, marker, payloadType, Timestamp, payload);
    }

    /// <summary>Writes a packet with a timestamp of the caller's choosing (telephone events keep their start time).</summary>
    public int Write(Span<byte> destination, bool marker, byte payloadType, uint timestamp, ReadOnlySpan<byte> payload)
    {
        var header = RtpHeaderWriter.Write(destination, marker, payloadType, NextSequence++, timestamp, Ssrc);
        payload.CopyTo(destination[header..]);
        PacketsSent++;
        return header + payload.Length;
    }

    /// <summary>Moves to the next 20 ms frame; <paramref name="sent"/> says whether this tick sent media.</summary>
    public void Advance(bool sent)
    {
        if (!sent) _sentLastFrame = false;
        Timestamp += (uint)samplesPerFrame;
    }
}
