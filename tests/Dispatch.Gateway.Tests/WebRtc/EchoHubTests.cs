using Microsoft.AspNetCore.SignalR;

namespace Dispatch.Gateway.Tests.WebRtc;

/// <summary>The hub's <c>EchoOffer</c> contract without a media peer: refusals name the fault.</summary>
public sealed class EchoHubTests
{
    [Theory]
    [InlineData("", "empty")]
    [InlineData("v=0\r\nnot sdp at all", "not valid SDP")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\n", "data channels are not supported")]
    public async Task A_bad_offer_gets_a_hub_error_naming_the_fault(string offer, string expected)
    {
        await using var gateway = new EchoGateway("127.0.0.1");
        await using var hub = await gateway.AdminOnHub();

        var error = await Assert.ThrowsAsync<HubException>(() => EchoGateway.EchoOffer(hub, offer));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task A_node_without_a_media_host_refuses_the_offer_saying_so()
    {
        // What a node in role 'gateway' does: it has no WebRTC host and does not forward the offer.
        await using var gateway = new EchoGateway("127.0.0.1", webRtcEnabled: false);
        await using var hub = await gateway.AdminOnHub();

        var error = await Assert.ThrowsAsync<HubException>(() => EchoGateway.EchoOffer(hub, "v=0\r\n"));

        Assert.Contains("no media host", error.Message);
    }

    [Fact]
    public async Task A_good_offer_gets_an_ice_lite_answer_with_the_configured_candidate()
    {
        await using var gateway = new EchoGateway("127.0.0.1");
        await using var hub = await gateway.AdminOnHub();
        var offer = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "WebRtc", "aiortc-1.4.0-audio-video-offer.sdp"));

        var answer = await EchoGateway.EchoOffer(hub, offer);

        Assert.Contains("a=ice-lite", answer);
        Assert.Matches("a=candidate:1 1 udp \\d+ 127\\.0\\.0\\.1 [1-9]\\d* typ host", answer);
        Assert.Contains("a=setup:passive", answer);
    }
}
