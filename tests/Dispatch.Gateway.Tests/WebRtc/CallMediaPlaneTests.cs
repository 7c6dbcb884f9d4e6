using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Dispatch.Gateway.Calls;
using Dispatch.Gateway.Calls.Media;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatch.Gateway.Tests.WebRtc;

/// <summary>The <see cref="ICallMediaPlane"/> contract on a real node, without media peers: refusals name the fault, drops name the reason.</summary>
public sealed class CallMediaPlaneTests
{
    private static readonly string AiortcOffer =
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "WebRtc", "aiortc-1.4.0-audio-video-offer.sdp"));

    [Theory]
    [InlineData("", "empty")]
    [InlineData("v=0\r\nnot sdp at all", "not valid SDP")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\n", "data channels are not supported")]
    public async Task A_bad_offer_is_refused_with_a_message_naming_the_fault(string offer, string expected)
    {
        await using var gateway = new CallMediaGateway("127.0.0.1");

        var error = Assert.Throws<CallMediaException>(() => gateway.Plane.OpenWebRtcLeg("call-1", "caller", offer));

        Assert.Contains(expected, error.Message);
        Assert.Contains("caller", error.Message);
        Assert.Equal(0, gateway.Sessions);
    }

    [Fact]
    public async Task A_good_offer_gets_an_ice_lite_answer_and_a_second_leg_of_the_same_name_is_refused()
    {
        await using var gateway = new CallMediaGateway("127.0.0.1");

        var answer = gateway.Plane.OpenWebRtcLeg("call-1", "caller", AiortcOffer);

        Assert.Contains("a=ice-lite", answer);
        Assert.Matches("a=candidate:1 1 udp \\d+ 127\\.0\\.0\\.1 [1-9]\\d* typ host", answer);
        Assert.Contains("a=sendrecv", answer);
        Assert.DoesNotContain("transport-wide-cc", answer);
        var again = Assert.Throws<CallMediaException>(() => gateway.Plane.OpenWebRtcLeg("call-1", "caller", AiortcOffer));
        Assert.Contains("already has a leg 'caller'", again.Message);
    }

    [Fact]
    public async Task A_sip_leg_offers_g711_on_an_even_port_refuses_a_bad_answer_by_name_and_joins_a_browser_leg()
    {
        await using var gateway = new CallMediaGateway("127.0.0.1");
        gateway.Plane.OpenWebRtcLeg("call-1", "caller", AiortcOffer);

        var offer = gateway.Plane.CreateSipOffer("call-1", "phone");

        var media = Regex.Match(offer, "m=audio (\\d+) RTP/AVP 0 8 101");
        Assert.True(media.Success, offer);
        Assert.Equal(0, int.Parse(media.Groups[1].Value) % 2);
        Assert.Contains("a=rtpmap:101 telephone-event/8000", offer);
        Assert.Contains("does not parse", Assert.Throws<CallMediaException>(() => gateway.Plane.AcceptSipAnswer("call-1", "phone", "v=0\r\nnonsense")).Message);
        var noAudio = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 18\r\na=rtpmap:18 G729/8000\r\n";
        var refused = Assert.Throws<CallMediaException>(() => gateway.Plane.AcceptSipAnswer("call-1", "phone", noAudio));
        Assert.Contains("phone", refused.Message);
        Assert.Contains("no leg 'other'", Assert.Throws<CallMediaException>(() => gateway.Plane.AcceptSipAnswer("call-1", "other", noAudio)).Message);
        var answer = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 8 101\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n";
        gateway.Plane.AcceptSipAnswer("call-1", "phone", answer);
        gateway.Plane.Join("call-1", "caller", "phone");

        var plane = gateway.Services.GetRequiredService<WebRtcCallMediaPlane>();
        Assert.NotNull(plane.ForwarderOf("call-1", "phone"));
        gateway.Plane.Close("call-1");
        Assert.Equal(0, plane.CallCount);
    }

    [Fact]
    public async Task Joining_a_leg_that_is_not_open_names_the_legs_that_are()
    {
        await using var gateway = new CallMediaGateway("127.0.0.1");
        gateway.Plane.OpenWebRtcLeg("call-1", "caller", AiortcOffer);

        var error = Assert.Throws<CallMediaException>(() => gateway.Plane.Join("call-1", "caller", "callee"));

        Assert.Contains("no leg 'callee'", error.Message);
        Assert.Contains("caller", error.Message);
        Assert.Contains("no media", Assert.Throws<CallMediaException>(() => gateway.Plane.Join("call-2", "x", "y")).Message);
    }

    [Fact]
    public async Task Joined_legs_whose_browsers_never_connect_are_both_reported_dropped_with_the_reason()
    {
        await using var gateway = new CallMediaGateway("127.0.0.1", connectTimeoutSeconds: 1);
        var dropped = new ConcurrentQueue<CallLegDropped>();
        gateway.Plane.LegDropped += dropped.Enqueue;
        gateway.Plane.OpenWebRtcLeg("call-1", "caller", AiortcOffer);
        gateway.Plane.OpenWebRtcLeg("call-1", "callee", AiortcOffer);
        gateway.Plane.Join("call-1", "caller", "callee");

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (dropped.Count < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.True(dropped.Count == 2, $"expected both legs dropped, got: {string.Join("; ", dropped)}");
        Assert.Equal(["callee", "caller"], dropped.Select(d => d.LegId).Order());
        Assert.All(dropped, d => Assert.Equal("call-1", d.CallId));
        Assert.Contains(dropped, d => d.Reason.Contains("never connected"));
        Assert.Equal(0, gateway.Sessions);
    }

    [Fact]
    public async Task A_re_offer_with_new_ice_credentials_gets_new_ones_back_on_the_same_leg()
    {
        await using var gateway = new CallMediaGateway("127.0.0.1");
        var plane = gateway.Services.GetRequiredService<WebRtcCallMediaPlane>();
        var first = plane.OpenWebRtcLeg("call-1", "caller", AiortcOffer);
        var reOffer = Regex.Replace(Regex.Replace(AiortcOffer, "a=ice-ufrag:[^\r\n]+", "a=ice-ufrag:rstr"), "a=ice-pwd:[^\r\n]+", "a=ice-pwd:restartrestartrestart0123");

        var second = plane.RenegotiateWebRtcLeg("call-1", "caller", reOffer);

        Assert.NotEqual(Ufrag(first), Ufrag(second));
        Assert.Equal(Regex.Match(first, "a=fingerprint:[^\r\n]+").Value, Regex.Match(second, "a=fingerprint:[^\r\n]+").Value);
        Assert.Equal(1, gateway.Sessions);
        Assert.Contains("no leg 'callee'", Assert.Throws<CallMediaException>(() => plane.RenegotiateWebRtcLeg("call-1", "callee", reOffer)).Message);
    }

    private static string Ufrag(string sdp) => Regex.Match(sdp, "a=ice-ufrag:([^\r\n]+)").Groups[1].Value;

    [Fact]
    public async Task Close_tears_down_every_leg_of_the_call_and_reports_no_drop()
    {
        await using var gateway = new CallMediaGateway("127.0.0.1");
        var dropped = new ConcurrentQueue<CallLegDropped>();
        gateway.Plane.LegDropped += dropped.Enqueue;
        gateway.Plane.OpenWebRtcLeg("call-1", "caller", AiortcOffer);
        gateway.Plane.OpenWebRtcLeg("call-1", "callee", AiortcOffer);
        gateway.Plane.OpenWebRtcLeg("call-2", "caller", AiortcOffer);
        gateway.Plane.Join("call-1", "caller", "callee");
        Assert.Equal(3, gateway.Sessions);

        gateway.Plane.CloseLeg("call-2", "caller");
        gateway.Plane.Close("call-1");
        gateway.Plane.Close("no-such-call");
        gateway.Plane.CloseLeg("call-1", "no-such-leg");

        Assert.Equal(0, gateway.Sessions);
        await Task.Delay(200);
        Assert.Empty(dropped);
    }
}
