using Dispatch.Silo.Storage;
using Dispatch.Silo.Storage.Membership;
using Dispatch.Silo.Storage.Sql;
using Dispatch.Silo.Tests.Storage.TestGrains;
using Dispatch.Silo.Tests.Support;
using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace Dispatch.Silo.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class PostgresClusterTests(PostgresServer server)
{
    private const string ConnectionKey = "Dispatch:TestPostgres";
    private const string ServiceId = "dispatch-pg-tests";

    [Fact]
    public async Task Two_silos_share_state_and_a_grain_reactivates_with_it_when_its_silo_stops()
    {
        await using var cluster = await StartClusterAsync();

        var key = $"counter-{Guid.NewGuid():N}";
        var counter = cluster.Client.GetGrain<ICounterGrain>(key);
        await counter.Increment("one");
        await counter.Increment("two");
        var host = await counter.HostedOn();

        var hosting = Assert.Single(cluster.Silos, silo => silo.SiloAddress.ToString() == host);
        await cluster.StopSiloAsync(hosting);

        var state = await counter.Get();
        Assert.Equal(2, state.Count);
        Assert.Equal(["one", "two"], state.Notes);
        Assert.NotEqual(host, await counter.HostedOn());
        Assert.Equal(3, await counter.Increment("three"));
    }

    [Fact]
    public async Task A_grain_reactivates_with_its_state_on_the_other_silo_when_its_silo_is_killed()
    {
        await using var cluster = await StartClusterAsync();
        var counter = cluster.Client.GetGrain<ICounterGrain>($"counter-{Guid.NewGuid():N}");
        await counter.Increment("before");
        var host = await counter.HostedOn();

        await cluster.KillSiloAsync(Assert.Single(cluster.Silos, silo => silo.SiloAddress.ToString() == host));

        // Until the survivor declares the dead silo dead, calls may time out: retry for a while.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        CounterState? state = null;
        while (state is null)
        {
            try
            {
                state = await counter.Get().WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
            }
        }

        Assert.Equal(1, state.Count);
        Assert.NotEqual(host, await counter.HostedOn());

        // The survivor wrote its verdict into our table through UpdateRow.
        var dead = false;
        while (!dead && DateTime.UtcNow < deadline.AddSeconds(30))
        {
            var rows = await ReadMembershipAsync(cluster.Options.ClusterId);
            dead = rows.Any(row => row.SiloAddress.ToString() == host && row.Status == SiloStatus.Dead);
            await Task.Delay(dead ? 0 : 500);
        }

        Assert.True(dead, "the killed silo was not marked Dead in the membership table");
    }

    private string _connectionString = "";

    private async Task<List<MembershipEntry>> ReadMembershipAsync(string clusterId)
    {
        await using var database = new PostgresDatabase(_connectionString);
        var membership = new SqlMembershipTable(database, StorageHarness.Cluster(ServiceId, clusterId));
        return (await membership.ReadAll()).Members.Select(row => row.Item1).ToList();
    }

    private async Task<TestCluster> StartClusterAsync()
    {
        var connectionString = _connectionString = await server.CreateDatabaseAsync();
        // The classic builder, because only it lets a test turn the test cluster's own membership off.
        var builder = new TestClusterBuilder(2);
        builder.Options.UseTestClusterMembership = false;
        // A fresh cluster id per run: rows of silos from an earlier run cannot stall this one.
        builder.Options.ClusterId = $"pg-{Guid.NewGuid():N}";
        builder.Options.ServiceId = ServiceId;
        builder.Properties[ConnectionKey] = connectionString;
        builder.AddSiloBuilderConfigurator<PostgresSilo>();
        builder.AddClientBuilderConfigurator<PostgresClient>();
        var cluster = builder.Build();
        await cluster.DeployAsync();

        // Our membership table, not the test cluster's, holds both silos.
        var rows = await ReadMembershipAsync(builder.Options.ClusterId);
        Assert.Equal(2, rows.Count(row => row.Status == SiloStatus.Active));
        return cluster;
    }

    private sealed class PostgresSilo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            silo.UseDispatchPostgres(silo.Configuration[ConnectionKey]
                ?? throw new InvalidOperationException($"{ConnectionKey} is not set"));
            // Shortened failure detection so a killed silo is declared dead within seconds.
            silo.Configure<ClusterMembershipOptions>(options =>
            {
                options.ProbeTimeout = TimeSpan.FromSeconds(1);
                options.NumMissedProbesLimit = 2;
                options.NumVotesForDeathDeclaration = 1;
                options.TableRefreshTimeout = TimeSpan.FromSeconds(2);
                options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(2);
            });
        }
    }

    private sealed class PostgresClient : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder client) =>
            client.UseDispatchPostgresClustering(configuration[ConnectionKey]
                ?? throw new InvalidOperationException($"{ConnectionKey} is not set"));
    }
}
