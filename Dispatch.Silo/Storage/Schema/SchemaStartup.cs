using Dispatch.Silo.Storage.Sql;

namespace Dispatch.Silo.Storage.Schema;

/// <summary>Applies the schema while the silo starts, before any grain or reminder touches the database.</summary>
internal sealed class SchemaStartup : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly SqlDatabase _database;

    public SchemaStartup(SqlDatabase database) => _database = database;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SchemaStartup), ServiceLifecycleStage.RuntimeInitialize, _database.EnsureSchemaAsync);
}
