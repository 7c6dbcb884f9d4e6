using Dispatch.Gateway.Health;
using Dispatch.Silo.Hosting;
using Dispatch.Silo.Storage;
using Orleans.Configuration;

namespace Dispatch.Gateway.Hosting;

/// <summary>A gateway process that is not a silo: it reaches the cluster as an Orleans client.</summary>
internal static class ClusterClientHosting
{
    public static WebApplicationBuilder AddDispatchClusterClient(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(DispatchOptions.Section).Get<DispatchOptions>() ?? new DispatchOptions();
        var connectionString = builder.Configuration.GetConnectionString("Dispatch")
            ?? throw new InvalidOperationException("Dispatch:Role is 'gateway' but ConnectionStrings:Dispatch is not set.");
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = "dispatch";
            });
            client.UseDispatchPostgresClustering(connectionString);
        });
        builder.Services.AddHostedService<ClientReadinessProbe>();
        return builder;
    }
}

/// <summary>Marks the gateway ready once a grain call through the cluster succeeds.</summary>
internal sealed class ClientReadinessProbe(IGrainFactory grains, GatewayReadiness readiness, ILogger<ClientReadinessProbe> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await grains.GetGrain<Contracts.Org.IOrgRootsGrain>(0).GetRoots();
                readiness.ClientConnected = true;
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogInformation("Cluster not reachable yet: {Reason}", e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }
}
