using Dispatch.Silo.Realtime;
using Dispatch.Silo.Storage;
using Orleans.TestingHost;

namespace Dispatch.Silo.Tests.Org;

/// <summary>An in-process test cluster with the real grains on a SQLite file of its own.</summary>
public sealed class OrgClusterFixture : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("dispatch-org-").FullName;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.UseDispatchSqliteStorage(_data).AddDispatchRealtime());
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
