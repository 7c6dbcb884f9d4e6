using Dispatch.Silo.Storage.Membership;
using Dispatch.Silo.Storage.Sql;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Messaging;

namespace Dispatch.Silo.Storage;

/// <summary>How an Orleans client (a gateway or media node apart from the silos) finds the cluster.</summary>
public static class StorageClientBuilderExtensions
{
    /// <summary>
    /// Finds gateways in the PostgreSQL membership table the silos write (<see cref="StorageSiloBuilderExtensions.UseDispatchPostgres"/>),
    /// for the cluster named by <c>ClusterOptions.ClusterId</c>.
    /// </summary>
    public static IClientBuilder UseDispatchPostgresClustering(this IClientBuilder client, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        client.Services.AddSingleton<SqlDatabase>(_ => new PostgresDatabase(connectionString));
        client.Services.AddSingleton<IGatewayListProvider, SqlGatewayListProvider>();
        return client;
    }
}
