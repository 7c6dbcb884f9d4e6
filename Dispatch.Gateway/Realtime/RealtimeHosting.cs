using System.Text.Json;
using System.Text.Json.Serialization;
using Dispatch.Silo.Realtime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dispatch.Gateway.Realtime;

/// <summary>
/// The hub, its protocols, and this process's gateway observer. Clients pick the protocol in the SignalR
/// handshake: <c>json</c> (the default of every client) or <c>messagepack</c> (docs/protocol.md).
/// </summary>
internal static class RealtimeHosting
{
    public const string HubPath = "/hubs/dispatch";

    public static IServiceCollection AddDispatchRealtime(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RealtimeOptions>(configuration.GetSection(RealtimeOptions.Section));
        services.AddSignalR(o =>
            {
                // Only binding failures carry detail beyond our own HubExceptions: HubCallLogging turns
                // every other exception into a plain message.
                o.EnableDetailedErrors = true;
                o.AddFilter<HubCallLogging>();
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower)))
            .AddMessagePackProtocol();
        services.RemoveAll<IHubProtocol>();
        services.AddSingleton<IHubProtocol>(sp => new BindingFailureLogging(
            new JsonHubProtocol(sp.GetRequiredService<IOptions<JsonHubProtocolOptions>>()),
            sp.GetRequiredService<ILogger<BindingFailureLogging>>()));
        // MessagePack with SignalR's default resolver: enumerations as their names, objects as maps keyed
        // by the .NET property names (docs/protocol.md); measured against JSON in docs/benchmarks.md.
        services.AddSingleton<IHubProtocol>(sp => new BindingFailureLogging(
            new MessagePackHubProtocol(sp.GetRequiredService<IOptions<MessagePackHubProtocolOptions>>()),
            sp.GetRequiredService<ILogger<BindingFailureLogging>>()));
        services.AddSingleton<HubCallLogging>();
        services.AddSingleton<GatewayObserver>();
        services.AddSingleton<GatewayNode>();
        services.AddSingleton<DeviceConnections>();
        services.AddSingleton<PushFanOut>();
        services.AddSingleton(sp => new DeliveryFirst(sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<GatewayRegistration>();
        return services;
    }

    public static IEndpointRouteBuilder MapDispatchRealtime(this IEndpointRouteBuilder app)
    {
        app.MapHub<DispatchHub>(HubPath);
        return app;
    }
}
