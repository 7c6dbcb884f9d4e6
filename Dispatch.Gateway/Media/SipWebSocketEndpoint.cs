using System.Net;
using Dispatch.Media.Sip.Transport;

namespace Dispatch.Gateway.Media;

/// <summary>
/// <c>GET /sip</c> with a WebSocket upgrade: SIP over WebSocket (RFC 7118) on the gateway's HTTP port. The client
/// must offer the "sip" subprotocol (§4.1); the accepted socket is served by the node's <see cref="SipWebSocketServer"/>.
/// Anything else gets an RFC 9457 problem that says what to fix.
/// </summary>
public static class SipWebSocketEndpoint
{
    public const string Path = "/sip";

    public static WebApplication MapSipWebSocket(this WebApplication app)
    {
        app.UseWhen(c => c.Request.Path == Path, branch => branch.UseWebSockets(new WebSocketOptions
        {
            // RFC 7118 leaves keep-alives to the WebSocket layer or CRLF pings; a server ping notices dead clients.
            KeepAliveInterval = TimeSpan.FromSeconds(30),
        }));
        app.MapGet(Path, Accept).WithTags("sip").ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> Accept(HttpContext context, IServiceProvider services)
    {
        if (services.GetService<SipListenerService>()?.WebSocket is not { } server)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "SIP is not enabled",
                detail: "This node does not run SIP; set Dispatch:Sip:Enabled=true or use a media node.");
        }
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "WebSocket upgrade required",
                detail: "GET /sip is SIP over WebSocket (RFC 7118): send a WebSocket upgrade request with Sec-WebSocket-Protocol: sip.");
        }
        if (!context.WebSockets.WebSocketRequestedProtocols.Contains(SipWebSocketServer.SubProtocol, StringComparer.OrdinalIgnoreCase))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Subprotocol 'sip' required",
                detail: "RFC 7118 §4.1: the WebSocket handshake must offer Sec-WebSocket-Protocol: sip.");
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync(SipWebSocketServer.SubProtocol);
        var remote = new IPEndPoint(context.Connection.RemoteIpAddress ?? IPAddress.Loopback, context.Connection.RemotePort);
        await server.ServeAsync(socket, remote, context.RequestAborted);
        return Results.Empty;
    }
}
