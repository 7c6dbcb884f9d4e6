using Dispatch.Silo.Hosting;

namespace Dispatch.Gateway.Health;

/// <summary><c>GET /healthz</c>: 200 only when this process can serve (silo up, data loaded).</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", (GatewayReadiness readiness) => readiness.IsReady
                ? Results.Json(new HealthStatus("ready"))
                : Results.Json(new HealthStatus(readiness.Status), statusCode: StatusCodes.Status503ServiceUnavailable))
            .WithTags("health")
            .AllowAnonymous();
        return app;
    }
}

public sealed record HealthStatus(string Status);

/// <summary>
/// Readiness as the edge sees it: co-hosted, the local silo's; as a pure Orleans client, whether
/// the cluster answers.
/// </summary>
public sealed class GatewayReadiness(IServiceProvider services)
{
    private readonly SiloReadiness? _silo = services.GetService<SiloReadiness>();

    public bool IsReady => _silo?.IsReady ?? ClientConnected;

    public string Status => _silo?.Status ?? (ClientConnected ? "ready" : "connecting to cluster");

    public bool ClientConnected { get; set; }
}
