using Dispatch.Media.WebRtc.Rtcp;

namespace Dispatch.Media.Bridging.PlainRtp;

/// <summary>Our RTCP reports (RFC 3550 §6.4): SR once we sent media, else RR; a report block once we received; SDES CNAME.</summary>
public sealed partial class PlainRtpLeg
{
    private void QueueReport(DateTimeOffset now)
    {
        if (RtcpDestination is not { } destination) return;
        var packet = new byte[512];
        var length = 0;
        ReadOnlySpan<ReportBlock> blocks = _reception.HasReceived ? [_reception.Report(now)] : [];
        if (_packetsSent > 0)
        {
            // §6.4.1: the SR's RTP timestamp is the media clock at the NTP time, extrapolated from the last packet.
            var rtpNow = _lastSentTimestamp + (uint)((now - _lastSentAt).TotalSeconds * _options.ClockRate);
            length = SenderReport.Write(packet, _options.Ssrc, NtpTime.From(now), rtpNow, (uint)_packetsSent, (uint)_octetsSent);
            if (!blocks.IsEmpty)
            {
                // Append the block and bump the report count and length of the SR we just wrote.
                blocks[0].Write(packet.AsSpan(length));
                length += ReportBlock.Length;
                packet[0] = (byte)((packet[0] & 0xE0) | 1);
                packet[3] = (byte)(length / 4 - 1);
            }
        }
        else
        {
            length = ReceiverReport.Write(packet, _options.Ssrc, blocks);
        }
        length += WriteCname(packet.AsSpan(length));
        _rtcp.Enqueue((packet[..length], destination));
    }

    /// <summary>Without an RTCP packet from the phone yet, assume its RTCP sits beside its latched RTP port (RFC 3550 §11).</summary>
    private System.Net.IPEndPoint? RtcpBesideLatchedRtp() =>
        _latchedRtp is null ? null : new System.Net.IPEndPoint(_latchedRtp.Address, _latchedRtp.Port + 1);

    /// <summary>SDES with one chunk: our SSRC and CNAME, padded to a 32-bit boundary with at least one null octet (§6.5).</summary>
    private int WriteCname(Span<byte> destination)
    {
        var name = System.Text.Encoding.UTF8.GetBytes(_options.Cname);
        var chunk = 4 + 2 + name.Length + 1;
        var padded = (chunk + 3) & ~3;
        var length = 4 + padded;
        new RtcpHeader(false, 1, RtcpPacketType.SourceDescription, length / 4 - 1).Write(destination);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(destination[4..], _options.Ssrc);
        destination[8] = SourceDescriptionItem.Cname;
        destination[9] = (byte)name.Length;
        name.CopyTo(destination[10..]);
        destination[(10 + name.Length)..length].Clear();
        return length;
    }
}
