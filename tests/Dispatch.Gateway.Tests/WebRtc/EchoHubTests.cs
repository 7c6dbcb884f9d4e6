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
}
