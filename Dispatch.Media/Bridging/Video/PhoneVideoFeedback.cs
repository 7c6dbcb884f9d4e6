using Dispatch.Media.Sdp.Negotiation;
using Dispatch.Media.WebRtc.Rtcp;

namespace Dispatch.Media.Bridging.Video;

/// <summary>
/// Writes the feedback the forwarder addresses to a phone's video the way that phone asked for it in its answer's
/// a=rtcp-fb lines, sans-I/O:
/// <code>
///   PLI about the phone's stream ─▶ FIR (RFC 5104 §4.3.1) when the phone listed "ccm fir", else PLI (RFC 4585 §6.3.1)
///   FIR naming the phone's stream ─▶ the same
///   generic NACK                 ─▶ passed on when the phone listed "nack" (RFC 4585 §6.2.1), else dropped
///   SR, RR, anything else        ─▶ dropped: the video leg sends its own SR/RR about what it sends and receives
/// </code>
/// Every compound written starts with an empty RR from our SSRC (RFC 3550 §6.1). Not thread-safe.
/// </summary>
public sealed class PhoneVideoFeedback
{
    private readonly uint _ourSsrc;
    private byte _firSequence;

    public PhoneVideoFeedback(IReadOnlyList<string> phoneFeedback, uint ourSsrc)
    {
        _ourSsrc = ourSsrc;
        WantsFir = phoneFeedback.Contains("ccm fir", StringComparer.OrdinalIgnoreCase);
        WantsNack = phoneFeedback.Contains("nack", StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The phone listed "ccm fir": key frames are asked for with FIR.</summary>
    public bool WantsFir { get; }

    /// <summary>The phone listed "nack": it keeps packets to resend.</summary>
    public bool WantsNack { get; }

    /// <summary>Key frame requests written (FIR or PLI).</summary>
    public long KeyFrameRequests { get; private set; }

    /// <summary>
    /// The compound to send the phone for <paramref name="packets"/> (the forwarder's RTCP toward this leg), written
    /// into <paramref name="destination"/>; 0 when nothing in it is for the phone.
    /// </summary>
    public int Translate(IReadOnlyList<RtcpPacket> packets, Span<byte> destination)
    {
        var length = ReceiverReport.Write(destination, _ourSsrc, []);
        var empty = length;
        foreach (var packet in packets)
        {
            switch (packet)
            {
                case PictureLossIndication pli:
                    length += KeyFrameRequest(pli.MediaSsrc, destination[length..]);
                    break;
                case FullIntraRequest fir:
                    foreach (var entry in fir.Entries)
                    {
                        length += KeyFrameRequest(entry.Ssrc, destination[length..]);
                    }
                    break;
                case GenericNack nack when WantsNack && nack.LostSequenceNumbers.Count > 0:
                    var lost = nack.LostSequenceNumbers.Take(256).ToArray();
                    if (length + GenericNack.LengthFor(lost) <= destination.Length)
                    {
                        length += GenericNack.Write(destination[length..], _ourSsrc, nack.MediaSsrc, lost);
                    }
                    break;
            }
        }
        return length == empty ? 0 : length;
    }

    private int KeyFrameRequest(uint phoneSsrc, Span<byte> destination)
    {
        if (destination.Length < FullIntraRequest.SingleEntryLength)
        {
            return 0;
        }
        KeyFrameRequests++;
        // RFC 5104 §4.3.1.1: a new request gets a new command sequence number.
        return WantsFir
            ? FullIntraRequest.Write(destination, _ourSsrc, phoneSsrc, _firSequence++)
            : PictureLossIndication.Write(destination, _ourSsrc, phoneSsrc);
    }
}
