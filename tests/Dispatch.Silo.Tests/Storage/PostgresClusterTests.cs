using Dispatch.Silo.Storage;
using Dispatch.Silo.Storage.Membership;
using Dispatch.Silo.Storage.Sql;
using Dispatch.Silo.Tests.Storage.TestGrains;
using Dispatch.Silo.Tests.Support;
using Microsoft.Extensions.Configuration;
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
        var connectionString = await server.CreateDatabaseAsync();
        // The classic builder, because only it lets a test turn the test cluster's own membership off.
        var builder = new TestClusterBuilder(2);
        builder.Options.UseTestClusterMembership = false;
        // A fresh cluster id per run: rows of silos from an earlier run cannot stall this one.
        builder.Options.ClusterId = $"pg-{Guid.NewGuid():N}";
        builder.Options.ServiceId = ServiceId;
        builder.Properties[ConnectionKey] = connectionString;
        builder.AddSiloBuilderConfigurator<PostgresSilo>();
        builder.AddClientBuilderConfigurator<PostgresClient>();
        await using var cluster = builder.Build();
        await cluster.DeployAsync();

        await using var database = new PostgresDatabase(connectionString);
        var membership = new SqlMembershipTable(database, StorageHarness.Cluster(ServiceId, builder.Options.ClusterId));
        var rows = (await membership.ReadAll()).Members;
        Assert.Equal(2, rows.Count(row => row.Item1.Status == SiloStatus.Active));

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

    private sealed class PostgresSilo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo) =>
            silo.UseDispatchPostgres(silo.Configuration[ConnectionKey]
                ?? throw new InvalidOperationException($"{ConnectionKey} is not set"));
    }

    private sealed class PostgresClient : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder client) =>
            client.UseDispatchPostgresClustering(configuration[ConnectionKey]
                ?? throw new InvalidOperationException($"{ConnectionKey} is not set"));
    }
}
