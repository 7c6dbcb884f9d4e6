using System.Text.RegularExpressions;
using Dispatch.Media.Sdp;
using Dispatch.Media.Tests.Sdp;
using Dispatch.Media.Tests.WebRtc.Dtls;
using Dispatch.Media.WebRtc.Forwarding;
using Microsoft.Extensions.Time.Testing;
using SdpCandidate = Dispatch.Media.Sdp.Attributes.IceCandidate;

namespace Dispatch.Media.Tests.WebRtc.Forwarding;

/// <summary>
/// A browser leg of a call that may reach a SIP phone lists H.264 first in its answer, so Chromium sends H.264 (the
/// first codec of the answer it can send, RFC 8829 §5.3.1); otherwise VP8 stays first. Chromium's real offer.
/// </summary>
public sealed class CallLegH264PreferenceTests
{
    private static WebRtcCallLeg Answer(bool preferH264)
    {
        var offer = Regex.Replace(SdpSamples.Text("ex_webrtc__chromium_audio_video_sdp.txt"), "a=fingerprint:[^\r\n]+",
            "a=fingerprint:" + DtlsPair.ClientCertificate.Fingerprint.ToSdpValue());
        return WebRtcCallLeg.Answer("call-1", "caller", offer, new CallLegSettings
        {
            Certificate = DtlsPair.ServerCertificate,
            Candidates = [SdpCandidate.Host("1", "10.0.0.1", 5000)],
            PreferH264 = preferH264,
        }, new FakeTimeProvider(), new object());
    }

    private static MediaDescription Video(WebRtcCallLeg leg) =>
        SdpParser.Parse(leg.AnswerSdp).Description!.Media.Single(m => m.Media == "video");

    [Fact]
    public void Preferring_H264_puts_Constrained_Baseline_in_packetization_mode_1_first_and_says_what_the_browser_will_send()
    {
        using var leg = Disposable(Answer(preferH264: true));

        var formats = Video(leg.Value).Formats;

        Assert.Equal("106", formats[0]); // Chromium's 42e01f, packetization-mode=1
        Assert.Contains("96", formats); // VP8 still there: a browser callee can answer the same call
        Assert.Equal("42e01f", leg.Value.SentH264ProfileLevelId);
    }

    [Fact]
    public void By_default_VP8_stays_first_and_no_H264_is_sent()
    {
        using var leg = Disposable(Answer(preferH264: false));

        Assert.Equal("96", Video(leg.Value).Formats[0]);
        Assert.Null(leg.Value.SentH264ProfileLevelId);
    }

    private static DisposableLeg Disposable(WebRtcCallLeg leg) => new(leg);

    private sealed record DisposableLeg(WebRtcCallLeg Value) : IDisposable
    {
        public void Dispose() => Value.Dispose();
    }
}
