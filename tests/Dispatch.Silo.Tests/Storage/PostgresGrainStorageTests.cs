using Dispatch.Silo.Storage.Sql;
using Dispatch.Silo.Tests.Support;

namespace Dispatch.Silo.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class PostgresGrainStorageTests(PostgresServer server) : GrainStorageContract, IAsyncLifetime
{
    private readonly List<PostgresDatabase> _opened = [];
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await server.CreateDatabaseAsync();

    private protected override SqlDatabase OpenDatabase()
    {
        var database = new PostgresDatabase(_connectionString);
        _opened.Add(database);
        return database;
    }

    public async Task DisposeAsync()
    {
        foreach (var database in _opened)
        {
            await database.DisposeAsync();
        }
    }
}
