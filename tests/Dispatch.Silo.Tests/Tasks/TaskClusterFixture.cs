using Dispatch.Silo.Tests.Support;
using Orleans.TestingHost;

namespace Dispatch.Silo.Tests.Tasks;

/// <summary>One task cluster per test class, with one small county in it.</summary>
public sealed class TaskClusterFixture : IAsyncLifetime
{
    private readonly TempFolder _folder = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public TaskTree Tree { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Cluster = await TaskCluster.StartAsync(_folder.Path);
        Tree = await TaskTree.Create(Grains, "tt", 110);
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        _folder.Dispose();
    }
}
