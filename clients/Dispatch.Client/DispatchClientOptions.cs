using Microsoft.AspNetCore.Http.Connections.Client;

namespace Dispatch.Client;

public sealed class DispatchClientOptions
{
    /// <summary>The gateway, e.g. <c>http://127.0.0.1:5080</c>.</summary>
    public required Uri Server { get; init; }

    /// <summary>Stable per installation, so the server knows which pushes this device already has.</summary>
    public string DeviceId { get; init; } = Guid.NewGuid().ToString("N");

    public DeviceKind DeviceKind { get; init; } = DeviceKind.App;

    /// <summary>Acknowledge <c>delivered</c> for every push as soon as it arrives (on by default).</summary>
    public bool AcknowledgeDelivery { get; init; } = true;

    /// <summary>The HTTP handler for login and REST (tests pass an in-memory server's handler).</summary>
    public HttpMessageHandler? HttpHandler { get; init; }

    /// <summary>Transport tuning for the hub connection (tests set the handler and transport here).</summary>
    public Action<HttpConnectionOptions>? ConfigureConnection { get; init; }

    /// <summary>The hub protocol: JSON (the default) or MessagePack (smaller messages; docs/protocol.md).</summary>
    public HubWireProtocol Protocol { get; init; } = HubWireProtocol.Json;

    /// <summary>The longest wait between automatic reconnect attempts; attempts never stop.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(10);
}
