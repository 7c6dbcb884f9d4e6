using Dispatch.Media.Sdp.Negotiation;
using Dispatch.Media.WebRtc.Forwarding;

namespace Dispatch.Media.Bridging.Video;

/// <summary>
/// The phone's answer to our video section, read as the forwarder's <see cref="LegSection"/>: the H.264 formats it
/// accepted in non-interleaved mode (RFC 6184 §6.3, packetization-mode=1, the only one offered), or why there is no video.
/// </summary>
public static class PhoneVideoSection
{
    /// <summary>Mid given to the phone's video section (plain SIP SDP has no a=mid; the forwarder only needs a name).</summary>
    public const string Mid = "video";

    /// <summary>
    /// The section to forward by, or null with <paramref name="reason"/> when the call stays audio only: no video offered,
    /// port 0 in the answer (RFC 3264 §6), or no H.264 format in packetization-mode 1. The phone receives the payload type
    /// of its answer; our offer's type is accepted too when it differs, since some phones send with the offerer's number.
    /// </summary>
    public static LegSection? From(NegotiatedMedia? answered, int offeredPayloadType, LocalSendStream send, out string? reason)
    {
        if (answered is null)
        {
            reason = "no video was offered to the phone";
            return null;
        }
        if (!answered.Accepted)
        {
            reason = "the phone declined video: " + answered.RejectionReason;
            return null;
        }
        var h264 = answered.Codecs.Where(c => c.Is("H264") && c.ParameterMap.GetValueOrDefault("packetization-mode", "0") == "1").ToList();
        if (h264.Count == 0)
        {
            reason = "the phone's video answer has no H.264 in packetization-mode 1 (RFC 6184 §6.3)";
            return null;
        }
        if (h264.All(c => c.PayloadType != offeredPayloadType))
        {
            h264.Add(h264[0] with { PayloadType = offeredPayloadType });
        }
        reason = null;
        return new LegSection(Mid, "video", h264, []) { Send = send };
    }
}
