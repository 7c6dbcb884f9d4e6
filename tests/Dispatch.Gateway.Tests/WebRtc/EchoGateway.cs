using Dispatch.Client;
using Dispatch.Gateway.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Dispatch.Gateway.Tests.WebRtc;

/// <summary>
/// A single-node gateway (role <c>all</c>, so it owns a WebRTC UDP host) whose UDP host binds and advertises
/// <paramref name="mediaAddress"/>; the hub is reached over the test server, the media over real UDP.
/// </summary>
public sealed class EchoGateway(string mediaAddress, bool webRtcEnabled = true) : DispatchAppFactory(demoData: false)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Dispatch:WebRtc:Address", mediaAddress);
        builder.UseSetting("Dispatch:WebRtc:PublicAddress", mediaAddress);
        builder.UseSetting("Dispatch:WebRtc:Enabled", webRtcEnabled ? "true" : "false");
    }

    /// <summary>The administrator's hub connection, over WebSockets as a browser would connect.</summary>
    public async Task<DispatchClient> AdminOnHub()
    {
        var server = Server;
        var client = new DispatchClient(new DispatchClientOptions
        {
            Server = server.BaseAddress,
            DeviceId = "echo-" + Guid.NewGuid().ToString("N")[..8],
            HttpHandler = server.CreateHandler(),
            ConfigureConnection = o =>
            {
                o.HttpMessageHandlerFactory = _ => server.CreateHandler();
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.WebSocketFactory = async (context, cancellationToken) =>
                {
                    var token = await o.AccessTokenProvider!();
                    var uri = new UriBuilder(context.Uri);
                    uri.Query = uri.Query.TrimStart('?') + "&access_token=" + Uri.EscapeDataString(token!);
                    return await server.CreateWebSocketClient().ConnectAsync(uri.Uri, cancellationToken);
                };
            },
        });
        // The admin login is created while the node starts: log in only once /healthz says it is ready.
        await WaitUntilReady(TimeSpan.FromMinutes(2));
        await client.LoginAsync("admin", AdminPassword);
        await client.ConnectAsync();
        return client;
    }

    public static Task<string> EchoOffer(DispatchClient client, string offer) => client.Hub.InvokeAsync<string>("EchoOffer", offer);
}
