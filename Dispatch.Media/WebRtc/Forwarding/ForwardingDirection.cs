using System.Buffers.Binary;
using Dispatch.Media.Sdp.Negotiation;
using Dispatch.Media.WebRtc.Rtcp;
using Dispatch.Media.WebRtc.Rtp;

namespace Dispatch.Media.WebRtc.Forwarding;

/// <summary>
/// Media of one leg sent on through another (RFC 7667 §3.7, a media-switching middlebox), and the RTCP that
/// belongs to it:
/// <code>
///   from ── RTP (its PT, SSRC, ext ids) ─▶ route by PT ─▶ extensions mapped ─▶ RtpForwardingRewriter ─▶ to (its PT, our SSRC)
///   from ── SR about its source ────────▶ SR about our output, same NTP time, RTP time shifted by the rewrite offset
///   to   ── PLI / FIR about our output ─▶ PLI about the source                           ─▶ from (its encoder sends a key frame)
///   to   ── NACK about our output ──────▶ NACK about the source, sequence numbers mapped back ─▶ from (it resends on rtx)
/// </code>
/// NACKs are translated rather than answered from a cache of our own: the browser that sends keeps a history for
/// exactly this, the forwarder keeps no packet copies, and a hop stays allocation-free; the price is a
/// retransmission that travels the whole path instead of the last hop. Not thread-safe: the call's lock serialises.
/// </summary>
internal sealed class ForwardingDirection
{
    private readonly IMediaLeg _from;
    private readonly IMediaLeg _to;
    private readonly TimeProvider _time;
    private readonly Dictionary<byte, ForwardingRoute> _routes = [];
    private readonly Dictionary<uint, RtpForwardingRewriter> _rewriters = [];
    private readonly Dictionary<uint, uint> _sourceByOutput = [];
    private readonly Dictionary<uint, (uint Packets, uint Octets)> _sent = [];
    private readonly HashSet<uint> _keyFrameAsked = [];
    private readonly byte[] _scratch = new byte[2048];
    private readonly byte[] _rtcp = new byte[1500];

    public ForwardingDirection(IMediaLeg from, IMediaLeg to, TimeProvider time)
    {
        _from = from;
        _to = to;
        _time = time;
        foreach (var section in from.Sections)
        {
            var target = to.Sections.FirstOrDefault(s => s.Kind == section.Kind && s.Send is not null);
            if (target?.Send is not { } send)
            {
                continue;
            }
            var extensions = new HeaderExtensionMap(section, target);
            foreach (var codec in section.Codecs)
            {
                var match = target.Codecs.FirstOrDefault(c => SameCodec(codec, c));
                if (match is null)
                {
                    continue;
                }
                _routes.TryAdd((byte)codec.PayloadType, new ForwardingRoute(section.Kind, (byte)match.PayloadType, send.Ssrc, match.ClockRate, extensions));
                if (codec.RtxPayloadType is not { } rtx)
                {
                    continue;
                }
                _routes.TryAdd((byte)rtx, match.RtxPayloadType is { } outRtx && send.RtxSsrc is { } rtxSsrc
                    ? new ForwardingRoute(section.Kind, (byte)outRtx, rtxSsrc, match.ClockRate, extensions) { IsRtx = true, MediaOutputSsrc = send.Ssrc }
                    : new ForwardingRoute(section.Kind, (byte)match.PayloadType, send.Ssrc, match.ClockRate, extensions) { Unwrap = true, MediaOutputSsrc = send.Ssrc });
            }
        }
    }

    public long Forwarded { get; private set; }

    /// <summary>Packets dropped because one of the legs was not connected yet (they are not queued).</summary>
    public long DroppedNotConnected { get; private set; }

    /// <summary>Packets of a payload type the other leg has no codec for.</summary>
    public long DroppedUnmapped { get; private set; }

    public long KeyFrameRequests { get; private set; }

    public long TranslatedNacks { get; private set; }

    /// <summary>Sends one plain RTP packet of <c>from</c> on to <c>to</c>; <paramref name="packet"/> may be rewritten in place.</summary>
    public void Forward(Span<byte> packet)
    {
        if (!_from.IsConnected || !_to.IsConnected)
        {
            DroppedNotConnected++;
            return;
        }
        if (!RtpHeader.TryParse(packet, out var header, out _) || !_routes.TryGetValue(header.PayloadType, out var route))
        {
            DroppedUnmapped++;
            return;
        }
        if (route.Unwrap)
        {
            // RFC 4588 §4: the rtx payload starts with the original sequence number; the rest is the original payload.
            if (header.PayloadLength < 2 || !_sourceByOutput.TryGetValue(route.MediaOutputSsrc, out var mediaSource))
            {
                return;
            }
            var osn = BinaryPrimitives.ReadUInt16BigEndian(packet[header.PayloadOffset..]);
            packet[(header.PayloadOffset + 2)..].CopyTo(packet[header.PayloadOffset..]);
            packet = packet[..^2];
            BinaryPrimitives.WriteUInt16BigEndian(packet[2..], osn);
            BinaryPrimitives.WriteUInt32BigEndian(packet[8..], mediaSource);
            if (!RtpHeader.TryParse(packet, out header, out _))
            {
                return;
            }
        }
        if (header.Extension && !route.Extensions.IsIdentity)
        {
            var length = route.Extensions.Rewrite(packet, header, _scratch);
            if (length == 0)
            {
                return;
            }
            packet = _scratch.AsSpan(0, length);
            if (!RtpHeader.TryParse(packet, out header, out _))
            {
                return;
            }
        }
        var rewriter = RewriterFor(route.OutputSsrc, route.ClockRate);
        if (!_sourceByOutput.TryGetValue(route.OutputSsrc, out var source) || source != header.Ssrc)
        {
            // A new source for this output (the first, or the sender changed SSRC): splice it in continuously.
            rewriter.SelectSource(header.Ssrc);
            _sourceByOutput[route.OutputSsrc] = header.Ssrc;
        }
        if (!rewriter.TryRewrite(packet))
        {
            return;
        }
        if (route.IsRtx && header.PayloadLength >= 2 && _rewriters.TryGetValue(route.MediaOutputSsrc, out var media))
        {
            // RFC 4588 §4: the OSN names a packet of the media stream, so it follows that stream's renumbering.
            var osn = BinaryPrimitives.ReadUInt16BigEndian(packet[header.PayloadOffset..]);
            BinaryPrimitives.WriteUInt16BigEndian(packet[header.PayloadOffset..], (ushort)(osn + media.SequenceOffset));
        }
        packet[1] = (byte)((packet[1] & 0x80) | route.OutputPayloadType);
        if (!_to.SendRtp(packet))
        {
            return;
        }
        Forwarded++;
        var (packets, octets) = _sent.GetValueOrDefault(route.OutputSsrc);
        _sent[route.OutputSsrc] = (packets + 1, octets + (uint)header.PayloadLength);
        if (route.Kind == "video" && !route.IsRtx && _keyFrameAsked.Add(header.Ssrc))
        {
            // Whatever the source sent before both legs were up was dropped: start the receiver on a key frame.
            RequestKeyFrame(header.Ssrc);
        }
    }

    /// <summary>An SR from <c>from</c> about one of its sources becomes ours about the stream we forward it as (lip sync, RFC 3550 §6.4.1).</summary>
    public void MirrorSenderReport(SenderReport report)
    {
        foreach (var (output, source) in _sourceByOutput)
        {
            if (source != report.Ssrc || !_rewriters.TryGetValue(output, out var rewriter))
            {
                continue;
            }
            var (packets, octets) = _sent.GetValueOrDefault(output);
            var length = SenderReport.Write(_rtcp, output, report.NtpTimestamp, report.RtpTimestamp + rewriter.TimestampOffset, packets, octets);
            _to.SendRtcp(_rtcp.AsSpan(0, length));
        }
    }

    /// <summary>Feedback from <c>to</c> about streams we send it: key frame requests and NACKs go to their source.</summary>
    public void HandleFeedback(RtcpPacket packet)
    {
        switch (packet)
        {
            case PictureLossIndication pli when _sourceByOutput.TryGetValue(pli.MediaSsrc, out var source):
                RequestKeyFrame(source);
                break;
            case FullIntraRequest fir:
                // RFC 5104 §4.3.1.2: a FIR names its target in the FCI; a PLI to the source gets the same key frame.
                foreach (var entry in fir.Entries)
                {
                    if (_sourceByOutput.TryGetValue(entry.Ssrc, out var firSource))
                    {
                        RequestKeyFrame(firSource);
                    }
                }
                break;
            case GenericNack nack when nack.LostSequenceNumbers.Count > 0
                && _sourceByOutput.TryGetValue(nack.MediaSsrc, out var nackSource)
                && _rewriters.TryGetValue(nack.MediaSsrc, out var rewriter):
                TranslateNack(nack, nackSource, rewriter.SequenceOffset);
                break;
        }
    }

    /// <summary>Asks every video source of <c>from</c> for a key frame (when both legs have just come up).</summary>
    public void RequestKeyFrames()
    {
        var sources = _from.Sections.Where(s => s.Kind == "video").SelectMany(s => s.RemoteSsrcs)
            .Concat(_routes.Values.Where(r => r.Kind == "video" && !r.IsRtx && !r.Unwrap)
                .Select(r => _sourceByOutput.TryGetValue(r.OutputSsrc, out var s) ? s : 0u))
            .Where(s => s != 0)
            .Distinct();
        foreach (var ssrc in sources)
        {
            RequestKeyFrame(ssrc);
        }
    }

    private void TranslateNack(GenericNack nack, uint source, ushort offset)
    {
        Span<ushort> lost = stackalloc ushort[Math.Min(nack.LostSequenceNumbers.Count, 256)];
        for (var i = 0; i < lost.Length; i++)
        {
            lost[i] = (ushort)(nack.LostSequenceNumbers[i] - offset);
        }
        var length = ReceiverReport.Write(_rtcp, _from.ReporterSsrc, []);
        if (length + GenericNack.LengthFor(lost) > _rtcp.Length)
        {
            return;
        }
        length += GenericNack.Write(_rtcp.AsSpan(length), _from.ReporterSsrc, source, lost);
        if (_from.SendRtcp(_rtcp.AsSpan(0, length)))
        {
            TranslatedNacks++;
        }
    }

    private void RequestKeyFrame(uint source)
    {
        // RFC 3550 §6.1: a compound packet starts with a report; an empty RR is the smallest.
        var length = ReceiverReport.Write(_rtcp, _from.ReporterSsrc, []);
        length += PictureLossIndication.Write(_rtcp.AsSpan(length), _from.ReporterSsrc, source);
        if (_from.SendRtcp(_rtcp.AsSpan(0, length)))
        {
            KeyFrameRequests++;
        }
    }

    private RtpForwardingRewriter RewriterFor(uint output, int clockRate)
    {
        if (!_rewriters.TryGetValue(output, out var rewriter))
        {
            _rewriters[output] = rewriter = new RtpForwardingRewriter(output, clockRate, _time);
        }
        return rewriter;
    }

    /// <summary>Same codec on both sides: name, clock rate, channels; for H.264 also the packetization mode (RFC 6184 §8.1).</summary>
    private static bool SameCodec(NegotiatedCodec a, NegotiatedCodec b)
    {
        if (!a.Is(b.Name) || a.ClockRate != b.ClockRate || (a.Channels ?? 1) != (b.Channels ?? 1))
        {
            return false;
        }
        return !a.Is("H264") || a.ParameterMap.GetValueOrDefault("packetization-mode", "0") == b.ParameterMap.GetValueOrDefault("packetization-mode", "0");
    }
}
