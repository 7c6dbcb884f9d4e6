using System.Buffers.Binary;

namespace Dispatch.Media.WebRtc.Rtp;

/// <summary>
/// Rewrites SSRC, sequence number and timestamp of forwarded RTP so a receiver sees one continuous stream
/// while an SFU switches between sources (another speaker, another simulcast layer). In place, no allocation.
/// <code>
///  source A: seq 100 101 102 |          source B: seq 7000 7001
///  output  : seq  50  51  52 | switch -> output  : seq   53   54   (timestamp advanced by the wall-clock gap)
/// </code>
/// RFC 3550 §5.1 requires the sequence number to rise by one per packet and the timestamp to follow the
/// sampling clock; RFC 7667 §3.7 describes such switching middleboxes. Rewrite the packet before SRTP
/// protect (the outbound context then sees a single SSRC). The first packet's SSRC is adopted; after
/// that the SFU names the next source with <see cref="SelectSource"/> and packets of any other SSRC,
/// late ones of the previous source included, are refused. RTCP for the rewritten stream must be
/// translated too; that is not done here.
/// </summary>
public sealed class RtpForwardingRewriter
{
    private readonly TimeProvider _time;
    private readonly int _clockRate;
    private bool _started;
    private uint _sourceSsrc;
    private uint? _selectedSsrc;
    private ushort _seqOffset;
    private uint _timestampOffset;
    private ushort _lastOutputSeq;
    private uint _lastOutputTimestamp;
    private long _lastOutputTicks;

    public RtpForwardingRewriter(uint outputSsrc, int clockRate, TimeProvider time)
    {
        OutputSsrc = outputSsrc;
        _clockRate = clockRate;
        _time = time;
    }

    public uint OutputSsrc { get; }

    /// <summary>Output minus source sequence number for the current source: maps a NACK back, shifts an rtx OSN forward.</summary>
    public ushort SequenceOffset => _seqOffset;

    /// <summary>Output minus source RTP timestamp for the current source: carries an SR's NTP/RTP pair across (RFC 3550 §6.4.1).</summary>
    public uint TimestampOffset => _timestampOffset;

    /// <summary>The source being forwarded.</summary>
    public uint? CurrentSource => _started ? _sourceSsrc : null;

    /// <summary>Switch to <paramref name="ssrc"/> at its next packet (for video, the SFU picks a key frame).</summary>
    public void SelectSource(uint ssrc) => _selectedSsrc = ssrc;

    /// <summary>Rewrites <paramref name="packet"/> in place. Returns false (drop) for a packet that is not RTP or not of the selected source.</summary>
    public bool TryRewrite(Span<byte> packet)
    {
        if (packet.Length < RtpHeader.FixedLength || packet[0] >> 6 != RtpHeader.Version)
        {
            return false;
        }
        var ssrc = BinaryPrimitives.ReadUInt32BigEndian(packet[8..]);
        var seq = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        var timestamp = BinaryPrimitives.ReadUInt32BigEndian(packet[4..]);
        var now = _time.GetTimestamp();
        if (_selectedSsrc == ssrc && (!_started || ssrc != _sourceSsrc))
        {
            SwitchTo(ssrc, seq, timestamp, now);
        }
        else if (!_started && _selectedSsrc is null)
        {
            SwitchTo(ssrc, seq, timestamp, now);
        }
        else if (!_started || ssrc != _sourceSsrc)
        {
            return false;
        }
        var outSeq = (ushort)(seq + _seqOffset);
        var outTimestamp = timestamp + _timestampOffset;
        BinaryPrimitives.WriteUInt16BigEndian(packet[2..], outSeq);
        BinaryPrimitives.WriteUInt32BigEndian(packet[4..], outTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(packet[8..], OutputSsrc);
        // Track the newest output only; reordered packets keep the offset and land in their old slot.
        if (!_started || (short)(outSeq - _lastOutputSeq) > 0)
        {
            _lastOutputSeq = outSeq;
            _lastOutputTimestamp = outTimestamp;
            _lastOutputTicks = now;
        }
        _started = true;
        return true;
    }

    private void SwitchTo(uint ssrc, ushort seq, uint timestamp, long now)
    {
        if (!_started)
        {
            // The first source keeps its numbering only shifted by nothing: offsets start at zero.
            _seqOffset = 0;
            _timestampOffset = 0;
        }
        else
        {
            var elapsed = _time.GetElapsedTime(_lastOutputTicks, now);
            var advance = (uint)Math.Max(1, elapsed.TotalSeconds * _clockRate);
            _seqOffset = (ushort)(_lastOutputSeq + 1 - seq);
            _timestampOffset = _lastOutputTimestamp + advance - timestamp;
        }
        _sourceSsrc = ssrc;
    }
}
