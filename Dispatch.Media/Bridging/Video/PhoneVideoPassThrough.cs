using Dispatch.Media.Bridging.Hosting;
using Dispatch.Media.Bridging.PlainRtp;
using Dispatch.Media.Sdp.Negotiation;
using Dispatch.Media.WebRtc.Forwarding;
using Dispatch.Media.WebRtc.Rtcp;
using Dispatch.Media.WebRtc.Rtp;

namespace Dispatch.Media.Bridging.Video;

/// <summary>
/// A phone's H.264 video, passed through without transcoding on its own plain RTP port pair. The forwarder already
/// rewrote what it hands us (payload type, SSRC, sequence numbers, timestamps, extensions stripped), so sending is one
/// datagram; what the phone sends goes up unchanged for the forwarder to rewrite toward the browser.
/// <code>
///   forwarder ─H.264 RTP (phone's PT, our SSRC)─▶ Send ─▶ channel ─▶ phone's video address
///   phone ─▶ channel ─▶ Received (plain RTP)          ─▶ forwarder ─▶ browser leg (SRTP)
///   forwarder ─PLI/FIR/NACK─▶ SendFeedback ─▶ PhoneVideoFeedback (FIR or PLI, as the phone asked) ─▶ phone
///   phone ─RTCP (PLI, FIR, SR, RR)─▶ FeedbackReceived ─▶ forwarder (key frame request to the browser, SR mirrored)
/// </code>
/// The channel's lock is the call's lock, so the forwarder and the channel's loops never take two locks.
/// The channel's own leg sends SR/RR about this stream every few seconds (RFC 3550 §6) and reads the phone's reports.
/// </summary>
public sealed class PhoneVideoPassThrough : IAsyncDisposable
{
    private readonly byte[] _scratch = new byte[2048];
    private readonly byte[] _rtcp = new byte[1500];
    private PhoneVideoFeedback? _feedback;
    private bool _heardReport;
    private int _disposed;

    /// <summary><paramref name="channel"/> must run under the call's lock and send with <paramref name="send"/>'s SSRC.</summary>
    public PhoneVideoPassThrough(PlainRtpChannel channel, LocalSendStream send)
    {
        Channel = channel;
        SendStream = send;
        channel.MediaReceived = OnPhoneRtp;
        channel.RtcpReceived = OnPhoneRtcp;
        // Video that stops (a camera switched off) must not end the call; the audio leg watches the phone's liveness.
        channel.EventRaised = null;
    }

    public PlainRtpChannel Channel { get; }

    public LocalSendStream SendStream { get; }

    /// <summary>Set once the phone accepted H.264: what the forwarder routes by.</summary>
    public LegSection? Section { get; private set; }

    /// <summary>The phone's plain RTP video, under the call's lock; the receiver may rewrite it in place.</summary>
    public Action<Span<byte>>? Received { get; set; }

    /// <summary>The phone's RTCP about the video, under the call's lock.</summary>
    public Action<IReadOnlyList<RtcpPacket>>? FeedbackReceived { get; set; }

    /// <summary>
    /// Called once, under the call's lock, with the phone's first RTCP reception report about the video we send it
    /// (RFC 3550 §6.4): the phone's own word that our video reached it.
    /// </summary>
    public Action<WebRtc.Rtcp.ReportBlock>? FirstReceptionReport { get; set; }

    /// <summary>RTP packets sent to the phone, and received from it.</summary>
    public (long Sent, long Received) Packets => (Channel.Leg.RtpSent, Channel.Leg.RtpReceived);

    /// <summary>Key frame requests sent to the phone (FIR or PLI).</summary>
    public long KeyFrameRequests => _feedback?.KeyFrameRequests ?? 0;

    /// <summary>The video section to add to the phone's offer (H.264 at the browser's profile-level-id).</summary>
    public SipVideoOffer Offer(string profileLevelId) => SipVideoOffer.H264(Channel.RtpPort, profileLevelId);

    /// <summary>Starts the video with the phone's answer to it; false (with the reason) leaves the call audio only.</summary>
    public bool Accept(NegotiatedMedia? answered, int offeredPayloadType, out string? reason)
    {
        if (PhoneVideoSection.From(answered, offeredPayloadType, SendStream, out reason) is not { } section)
        {
            return false;
        }
        lock (Channel.Gate)
        {
            Channel.Leg.AcceptVideo(answered!);
            _feedback = new PhoneVideoFeedback(section.Codecs[0].Feedback, SendStream.Ssrc);
            Section = section;
        }
        return true;
    }

    /// <summary>True when <paramref name="payloadType"/> is one of the phone's video formats.</summary>
    public bool Carries(byte payloadType) => Section?.CodecFor(payloadType, out _) is not null;

    /// <summary>Sends a rewritten H.264 packet to the phone; call under the call's lock.</summary>
    public bool Send(ReadOnlySpan<byte> rtp) => Section is not null && Channel.Send(rtp);

    /// <summary>Passes the forwarder's feedback to the phone in the form it asked for; call under the call's lock.</summary>
    public void SendFeedback(ReadOnlySpan<byte> compound)
    {
        if (_feedback is null || !RtcpCompound.TryParse(compound, out var parsed, out _))
        {
            return;
        }
        var length = _feedback.Translate(parsed!.Packets, _rtcp);
        if (length > 0)
        {
            Channel.SendRtcp(_rtcp.AsSpan(0, length));
        }
    }

    private void OnPhoneRtp(ReadOnlyMemory<byte> packet, TimeSpan now)
    {
        if (Section is null || packet.Length > _scratch.Length || !RtpHeader.TryParse(packet.Span, out _, out _))
        {
            return;
        }
        packet.Span.CopyTo(_scratch);
        Received?.Invoke(_scratch.AsSpan(0, packet.Length));
    }

    private void OnPhoneRtcp(ReadOnlyMemory<byte> compound)
    {
        if (!_heardReport && Channel.Leg.PeerReport is { } report)
        {
            // The channel's leg read the compound's report blocks before handing it on.
            _heardReport = true;
            FirstReceptionReport?.Invoke(report);
        }
        if (Section is not null && RtcpCompound.TryParse(compound.Span, out var parsed, out _))
        {
            FeedbackReceived?.Invoke(parsed!.Packets);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await Channel.DisposeAsync();
        }
    }
}
