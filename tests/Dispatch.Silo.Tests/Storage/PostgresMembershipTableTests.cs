using System.Net;
using Dispatch.Silo.Storage.Membership;
using Dispatch.Silo.Tests.Support;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;

namespace Dispatch.Silo.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class PostgresMembershipTableTests(PostgresServer server) : IAsyncLifetime
{
    private readonly PostgresDatabases _databases = new(server);
    private readonly string _clusterId = $"cluster-{Guid.NewGuid():N}";
    private int _generation = 1000;

    public Task InitializeAsync() => _databases.InitializeAsync();

    public Task DisposeAsync() => _databases.DisposeAsync();

    private SqlMembershipTable NewTable(string? clusterId = null) =>
        new(_databases.Open(), StorageHarness.Cluster("svc", clusterId ?? _clusterId));

    private async Task<SqlMembershipTable> InitializedTable(string? clusterId = null)
    {
        var table = NewTable(clusterId);
        await table.InitializeMembershipTable(tryInitTableVersion: true);
        return table;
    }

    private MembershipEntry NewEntry(SiloStatus status = SiloStatus.Joining, int proxyPort = 30000)
    {
        var now = DateTime.UtcNow;
        return new MembershipEntry
        {
            SiloAddress = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), Interlocked.Increment(ref _generation)),
            SiloName = "silo-a",
            HostName = "host-a",
            Status = status,
            ProxyPort = proxyPort,
            StartTime = now,
            IAmAliveTime = now,
            SuspectTimes = [],
        };
    }

    private static DateTime Milliseconds(DateTime time) =>
        new(time.Ticks - time.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);

    [Fact]
    public async Task A_new_table_has_version_zero_and_no_rows_even_when_initialized_twice()
    {
        await InitializedTable();
        var table = await InitializedTable();

        var data = await table.ReadAll();

        Assert.Equal(0, data.Version.Version);
        Assert.Empty(data.Members);
    }

    [Fact]
    public async Task An_inserted_silo_is_read_back_with_every_field_and_the_version_moves_on()
    {
        var table = await InitializedTable();
        var entry = NewEntry();
        var version = (await table.ReadAll()).Version;

        Assert.True(await table.InsertRow(entry, version.Next()));

        var data = await table.ReadAll();
        var (read, etag) = Assert.Single(data.Members);
        Assert.Equal(1, data.Version.Version);
        Assert.NotEqual(version.VersionEtag, data.Version.VersionEtag);
        Assert.False(string.IsNullOrEmpty(etag));
        Assert.Equal(entry.SiloAddress, read.SiloAddress);
        Assert.Equal(entry.SiloName, read.SiloName);
        Assert.Equal(entry.HostName, read.HostName);
        Assert.Equal(entry.Status, read.Status);
        Assert.Equal(entry.ProxyPort, read.ProxyPort);
        Assert.Equal(Milliseconds(entry.StartTime), read.StartTime);
        Assert.Equal(Milliseconds(entry.IAmAliveTime), read.IAmAliveTime);
    }

    [Fact]
    public async Task An_insert_against_a_stale_table_version_is_refused_and_changes_nothing()
    {
        var table = await InitializedTable();
        var stale = (await table.ReadAll()).Version;
        Assert.True(await table.InsertRow(NewEntry(), stale.Next()));

        Assert.False(await table.InsertRow(NewEntry(), stale.Next()));

        var data = await table.ReadAll();
        Assert.Single(data.Members);
        Assert.Equal(1, data.Version.Version);
    }

    [Fact]
    public async Task Inserting_a_silo_twice_is_refused_and_leaves_the_table_version_alone()
    {
        var table = await InitializedTable();
        var entry = NewEntry();
        Assert.True(await table.InsertRow(entry, (await table.ReadAll()).Version.Next()));
        var before = (await table.ReadAll()).Version;

        Assert.False(await table.InsertRow(entry, before.Next()));

        Assert.Equal(before, (await table.ReadAll()).Version);
    }

    [Fact]
    public async Task An_update_needs_both_the_row_etag_and_the_table_version()
    {
        var table = await InitializedTable();
        var entry = NewEntry();
        Assert.True(await table.InsertRow(entry, (await table.ReadAll()).Version.Next()));
        var (_, etag) = (await table.ReadRow(entry.SiloAddress)).Members.Single();
        var version = (await table.ReadAll()).Version;

        entry.Status = SiloStatus.Active;
        Assert.True(await table.UpdateRow(entry, etag, version.Next()));

        entry.Status = SiloStatus.ShuttingDown;
        var current = (await table.ReadAll()).Version;
        Assert.False(await table.UpdateRow(entry, etag, current.Next()));
        var (_, newEtag) = (await table.ReadRow(entry.SiloAddress)).Members.Single();
        Assert.False(await table.UpdateRow(entry, newEtag, version.Next()));

        var (read, _) = (await table.ReadRow(entry.SiloAddress)).Members.Single();
        Assert.Equal(SiloStatus.Active, read.Status);
        Assert.Equal(current, (await table.ReadAll()).Version);
    }

    [Fact]
    public async Task Suspicions_are_stored_with_their_times()
    {
        var table = await InitializedTable();
        var suspect = NewEntry();
        var suspector = NewEntry();
        var when = new DateTime(2026, 11, 28, 9, 0, 0, 125, DateTimeKind.Utc);
        suspect.AddOrUpdateSuspector(suspector.SiloAddress, when, 10);

        Assert.True(await table.InsertRow(suspect, (await table.ReadAll()).Version.Next()));

        var (read, _) = (await table.ReadRow(suspect.SiloAddress)).Members.Single();
        Assert.NotNull(read.SuspectTimes);
        var (silo, time) = Assert.Single(read.SuspectTimes);
        Assert.Equal(suspector.SiloAddress, silo);
        Assert.Equal(when, time);
    }

    [Fact]
    public async Task I_am_alive_moves_only_the_liveness_time()
    {
        var table = await InitializedTable();
        var entry = NewEntry();
        Assert.True(await table.InsertRow(entry, (await table.ReadAll()).Version.Next()));
        var before = await table.ReadAll();

        entry.IAmAliveTime = entry.IAmAliveTime.AddMinutes(3);
        await table.UpdateIAmAlive(entry);

        var after = await table.ReadAll();
        var (read, etag) = after.Members.Single();
        Assert.Equal(Milliseconds(entry.IAmAliveTime), read.IAmAliveTime);
        Assert.Equal(before.Members.Single().Item2, etag);
        Assert.Equal(before.Version, after.Version);
    }

    [Fact]
    public async Task Reading_one_row_gives_that_silo_and_the_table_version()
    {
        var table = await InitializedTable();
        var first = NewEntry();
        var second = NewEntry();
        Assert.True(await table.InsertRow(first, (await table.ReadAll()).Version.Next()));
        Assert.True(await table.InsertRow(second, (await table.ReadAll()).Version.Next()));

        var data = await table.ReadRow(second.SiloAddress);

        Assert.Equal(second.SiloAddress, Assert.Single(data.Members).Item1.SiloAddress);
        Assert.Equal(2, data.Version.Version);
    }

    [Fact]
    public async Task Deleting_a_clusters_entries_leaves_other_clusters_alone()
    {
        var table = await InitializedTable();
        var otherCluster = $"other-{Guid.NewGuid():N}";
        var other = await InitializedTable(otherCluster);
        Assert.True(await table.InsertRow(NewEntry(), (await table.ReadAll()).Version.Next()));
        Assert.True(await other.InsertRow(NewEntry(), (await other.ReadAll()).Version.Next()));

        await table.DeleteMembershipTableEntries(_clusterId);

        Assert.Empty((await table.ReadAll()).Members);
        Assert.Single((await other.ReadAll()).Members);
    }

    [Fact]
    public async Task Cleanup_forgets_silos_no_longer_active_and_silent_since_the_given_time()
    {
        var table = await InitializedTable();
        var dead = NewEntry(SiloStatus.Dead);
        dead.IAmAliveTime = DateTime.UtcNow.AddHours(-2);
        var active = NewEntry(SiloStatus.Active);
        active.IAmAliveTime = DateTime.UtcNow.AddHours(-2);
        var recentlyDead = NewEntry(SiloStatus.Dead);
        foreach (var entry in new[] { dead, active, recentlyDead })
        {
            Assert.True(await table.InsertRow(entry, (await table.ReadAll()).Version.Next()));
        }

        await table.CleanupDefunctSiloEntries(DateTimeOffset.UtcNow.AddHours(-1));

        var left = (await table.ReadAll()).Members.Select(m => m.Item1.SiloAddress).ToHashSet();
        Assert.Equal([active.SiloAddress, recentlyDead.SiloAddress], left.OrderBy(s => s.Generation));
    }

    [Fact]
    public async Task Gateways_are_the_active_silos_with_a_proxy_port()
    {
        var table = await InitializedTable();
        var gateway = NewEntry(SiloStatus.Active, proxyPort: 30001);
        var joining = NewEntry(SiloStatus.Joining, proxyPort: 30002);
        var noProxy = NewEntry(SiloStatus.Active, proxyPort: 0);
        foreach (var entry in new[] { gateway, joining, noProxy })
        {
            Assert.True(await table.InsertRow(entry, (await table.ReadAll()).Version.Next()));
        }

        var provider = new SqlGatewayListProvider(
            _databases.Open(), StorageHarness.Cluster("svc", _clusterId), Options.Create(new GatewayOptions()));
        await provider.InitializeGatewayListProvider();
        var gateways = await provider.GetGateways();

        var expected = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 30001), gateway.SiloAddress.Generation).ToGatewayUri();
        Assert.Equal([expected], gateways);
    }
}
