using Dispatch.Contracts.Realtime;
using Dispatch.Silo.Tests.Support;
using Orleans.TestingHost;

namespace Dispatch.Silo.Tests.Calls;

/// <summary>One call cluster per test class and one recording gateway; each test builds its own tree.</summary>
public sealed class CallClusterFixture : IAsyncLifetime
{
    private readonly TempFolder _folder = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>The silo's data folder (its SQLite file), for tests that look at the rows.</summary>
    public string DataFolder => _folder.Path;

    internal SignalRecorder Recorder { get; } = new();

    internal IGatewayObserver Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Cluster = await CallCluster.StartAsync(_folder.Path);
        Gateway = Cluster.Client.CreateObjectReference<IGatewayObserver>(Recorder);
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        _folder.Dispose();
    }
}
