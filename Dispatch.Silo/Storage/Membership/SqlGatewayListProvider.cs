using System.Globalization;
using System.Net;
using Dispatch.Silo.Storage.Sql;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Messaging;

namespace Dispatch.Silo.Storage.Membership;

/// <summary>
/// Gateways for an Orleans client (Dispatch.Gateway running apart from the silos): every silo of the
/// cluster that is Active and opened a proxy (gateway) port, read from the membership table.
/// </summary>
internal sealed class SqlGatewayListProvider : IGatewayListProvider
{
    private readonly SqlDatabase _database;
    private readonly string _clusterId;

    public SqlGatewayListProvider(SqlDatabase database, IOptions<ClusterOptions> cluster, IOptions<GatewayOptions> gateway)
    {
        _database = database;
        _clusterId = cluster.Value.ClusterId;
        MaxStaleness = gateway.Value.GatewayListRefreshPeriod;
    }

    public TimeSpan MaxStaleness { get; }

    public bool IsUpdatable => true;

    public Task InitializeGatewayListProvider() => InitializeGatewayListProviderAsync(CancellationToken.None);

    public Task InitializeGatewayListProviderAsync(CancellationToken cancellationToken) =>
        _database.EnsureSchemaAsync(cancellationToken);

    public Task<IList<Uri>> GetGateways() => GetGatewaysAsync(CancellationToken.None);

    public Task<IList<Uri>> GetGatewaysAsync(CancellationToken cancellationToken) =>
        _database.ReadAsync<IList<Uri>>(async (connection, ct) =>
        {
            await using var command = connection.CreateCommand("""
                SELECT address, proxy_port, generation FROM dispatch_membership
                WHERE cluster_id = @cluster AND status = @active AND proxy_port > 0
                """)
                .With("cluster", _clusterId)
                .With("active", (int)SiloStatus.Active);
            await using var reader = await command.ExecuteReaderAsync(ct);
            var gateways = new List<Uri>();
            while (await reader.ReadAsync(ct))
            {
                var endpoint = new IPEndPoint(
                    IPAddress.Parse(reader.GetString(0)),
                    Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture));
                var generation = Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture);
                gateways.Add(SiloAddress.New(endpoint, generation).ToGatewayUri());
            }

            return gateways;
        }, cancellationToken);
}
