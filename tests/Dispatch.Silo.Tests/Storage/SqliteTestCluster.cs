using Dispatch.Silo.Storage;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Dispatch.Silo.Tests.Storage;

/// <summary>An in-process single-silo cluster whose state and reminders live in a SQLite file.</summary>
internal static class SqliteTestCluster
{
    public const string ServiceId = "dispatch-storage-tests";

    public static async Task<InProcessTestCluster> StartAsync(string dataFolder)
    {
        var builder = new InProcessTestClusterBuilder(1);
        // The same service id across restarts: state and reminders are keyed by it.
        builder.Options.ServiceId = ServiceId;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UseDispatchSqliteStorage(dataFolder);
            silo.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
