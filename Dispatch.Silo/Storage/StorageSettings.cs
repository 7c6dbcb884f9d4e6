using Dispatch.Silo.Storage.Sql;
using Microsoft.Extensions.Configuration;

namespace Dispatch.Silo.Storage;

/// <summary>
/// Which storage a process uses, from configuration:
/// <c>Dispatch:Storage</c> = <c>sqlite</c> (default; file in <c>Dispatch:DataFolder</c>, default <c>./data</c>)
/// or <c>postgres</c> (connection string <c>ConnectionStrings:Dispatch</c>).
/// <c>Dispatch:SqliteSync</c> = <c>normal</c> (default) or <c>full</c>: see <see cref="SqliteSync"/>.
/// </summary>
public sealed record StorageSettings(bool IsPostgres, string DataFolder, string ConnectionString, SqliteSync SqliteSync = SqliteSync.Normal)
{
    public const string SqliteSyncKey = "Dispatch:SqliteSync";

    public const string ModeKey = "Dispatch:Storage";
    public const string DataFolderKey = "Dispatch:DataFolder";
    public const string ConnectionStringName = "Dispatch";

    public static StorageSettings From(IConfiguration configuration)
    {
        var mode = configuration[ModeKey] ?? "sqlite";
        var dataFolder = configuration[DataFolderKey] is { Length: > 0 } folder ? folder : "./data";
        var connectionString = configuration.GetConnectionString(ConnectionStringName) ?? "";
        var sync = (configuration[SqliteSyncKey] ?? "normal").ToLowerInvariant() switch
        {
            "normal" => SqliteSync.Normal,
            "full" => SqliteSync.Full,
            var other => throw new InvalidOperationException($"{SqliteSyncKey} must be 'normal' or 'full', not '{other}'."),
        };
        return mode.ToLowerInvariant() switch
        {
            "sqlite" => new StorageSettings(false, dataFolder, connectionString, sync),
            "postgres" when connectionString.Length > 0 => new StorageSettings(true, dataFolder, connectionString),
            "postgres" => throw new InvalidOperationException(
                $"{ModeKey} is 'postgres' but ConnectionStrings:{ConnectionStringName} is empty: set it, for example " +
                $"ConnectionStrings__{ConnectionStringName}=\"Host=127.0.0.1;Username=dispatch;Password=...;Database=dispatch\"."),
            _ => throw new InvalidOperationException($"{ModeKey} must be 'sqlite' or 'postgres', not '{mode}'."),
        };
    }
}
