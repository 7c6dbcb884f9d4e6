// Stand-in until the SQLite/PostgreSQL providers land: delete on merge.
using Orleans.Hosting;

namespace Dispatch.Silo.Storage;

public static class InMemoryStandIn
{
    public static ISiloBuilder UseDispatchSqliteStorage(this ISiloBuilder silo, string dataFolder) =>
        silo.AddMemoryGrainStorage(StorageNames.Provider).AddMemoryGrainStorageAsDefault().UseInMemoryReminderService();

    public static ISiloBuilder UseDispatchPostgres(this ISiloBuilder silo, string connectionString) =>
        throw new InvalidOperationException("PostgreSQL providers are not merged yet.");

    public static IClientBuilder UseDispatchPostgresClustering(this IClientBuilder client, string connectionString) =>
        throw new InvalidOperationException("PostgreSQL providers are not merged yet.");
}
