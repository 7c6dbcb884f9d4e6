using Dispatch.Client;
using Dispatch.Gateway.Tests.Support;
using Microsoft.AspNetCore.Http.Connections;

namespace Dispatch.Gateway.Tests.Realtime;

/// <summary>Typed clients over the in-memory test server: WebSockets, token in the query string as browsers send it.</summary>
internal static class HubClients
{
    public static async Task<DispatchClient> LoggedIn(DispatchAppFactory app, string login, string? deviceId = null, LiveSocket? socket = null,
        HubWireProtocol protocol = HubWireProtocol.Json)
    {
        var server = app.Server;
        var client = new DispatchClient(new DispatchClientOptions
        {
            Server = server.BaseAddress,
            DeviceId = deviceId ?? "dev-" + Guid.NewGuid().ToString("N")[..8],
            HttpHandler = server.CreateHandler(),
            Protocol = protocol,
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
                    var webSocket = await server.CreateWebSocketClient().ConnectAsync(uri.Uri, cancellationToken);
                    socket?.Use(webSocket);
                    return webSocket;
                };
            },
        });
        await client.LoginAsync(login, DemoCountyFixture.Password);
        return client;
    }

    /// <summary>A client of a real gateway process, over its real transports.</summary>
    public static async Task<DispatchClient> LoggedIn(System.GatewayProcess gateway, string login, string password, string deviceId)
    {
        var client = new DispatchClient(new DispatchClientOptions { Server = gateway.Http.BaseAddress!, DeviceId = deviceId });
        await client.LoginAsync(login, password);
        return client;
    }
}

/// <summary>The client's current WebSocket, so a test can cut it as a network failure would.</summary>
internal sealed class LiveSocket
{
    private global::System.Net.WebSockets.WebSocket? _current;

    public void Use(global::System.Net.WebSockets.WebSocket socket) => _current = socket;

    public void Cut() => (_current ?? throw new InvalidOperationException("Not connected yet.")).Abort();
}
