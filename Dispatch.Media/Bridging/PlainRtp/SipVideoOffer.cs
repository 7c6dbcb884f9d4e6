using Dispatch.Media.Sdp.Negotiation;

namespace Dispatch.Media.Bridging.PlainRtp;

/// <summary>
/// The video section to add to a phone's offer: the video leg's RTP port and the one H.264 format passed through
/// (RFC 6184 §8.1: packetization-mode=1 and the profile-level-id the browser leg sends).
/// </summary>
public sealed record SipVideoOffer(int RtpPort, CodecCapability Codec)
{
    /// <summary>H.264 at the browser's profile and level, non-interleaved mode, with the feedback a phone may ask for.</summary>
    public static SipVideoOffer H264(int rtpPort, string profileLevelId) => new(rtpPort, new CodecCapability(
        "video", "H264", 90000, null, $"packetization-mode=1;profile-level-id={profileLevelId}", 102, SipOfferer.PhoneVideoFeedback));
}
