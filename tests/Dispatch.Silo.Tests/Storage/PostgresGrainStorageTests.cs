using Dispatch.Silo.Storage.Sql;
using Dispatch.Silo.Tests.Support;

namespace Dispatch.Silo.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class PostgresGrainStorageTests(PostgresServer server) : GrainStorageContract, IAsyncLifetime
{
    private readonly PostgresDatabases _databases = new(server);

    public Task InitializeAsync() => _databases.InitializeAsync();

    private protected override SqlDatabase OpenDatabase() => _databases.Open();

    public Task DisposeAsync() => _databases.DisposeAsync();
}
