using Dispatch.Silo.Storage.Sql;
using Dispatch.Silo.Tests.Support;

namespace Dispatch.Silo.Tests.Storage;

/// <summary>A fresh database for one test class, and the database objects opened on it, closed at the end.</summary>
internal sealed class PostgresDatabases(PostgresServer server)
{
    private readonly List<PostgresDatabase> _opened = [];

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync() => ConnectionString = await server.CreateDatabaseAsync();

    public PostgresDatabase Open()
    {
        var database = new PostgresDatabase(ConnectionString);
        lock (_opened)
        {
            _opened.Add(database);
        }

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
