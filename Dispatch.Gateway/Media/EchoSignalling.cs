using Dispatch.Media.WebRtc.Echo;
using Microsoft.AspNetCore.SignalR;

namespace Dispatch.Gateway.Media;

/// <summary>
/// The hub's way to the echo endpoint. A node with a WebRTC host (roles <c>all</c>, <c>media</c>) answers
/// locally; a <c>gateway</c> node has no media socket and refuses with a <see cref="HubException"/> saying so
/// (the offer is not forwarded through Orleans: the answer's candidate must be the host that will receive the
/// media, and gateway-to-media routing is not built yet). See docs/protocol.md.
/// </summary>
public sealed class EchoSignalling(IServiceProvider services)
{
    public string Answer(string? sdpOffer)
    {
        var host = services.GetService<WebRtcHostService>()
            ?? throw new HubException("This node has no media host (Dispatch:Role=gateway or Dispatch:WebRtc:Enabled=false): " +
                "the camera and microphone test needs a node in role 'all' or 'media'.");
        try
        {
            return host.Host.AnswerEcho(sdpOffer);
        }
        catch (EchoOfferException e)
        {
            throw new HubException("The echo cannot answer this offer: " + e.Message);
        }
    }
}
