using Dispatch.Silo.Calls;
using Dispatch.Silo.Realtime;
using Dispatch.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Dispatch.Silo.Tests.Calls;

/// <summary>An in-process silo on a SQLite file, with the realtime services and the same service id across restarts.</summary>
internal static class CallCluster
{
    public static async Task<InProcessTestCluster> StartAsync(string dataFolder)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = "dispatch-call-tests";
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UseDispatchSqliteStorage(dataFolder).AddDispatchRealtime();
            silo.Services.Configure<CallOptions>(o => o.RingTimeout = TimeSpan.FromSeconds(30));
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
