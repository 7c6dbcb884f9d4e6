using Dispatch.Silo.Storage.GrainState;
using Dispatch.Silo.Storage.Membership;
using Dispatch.Silo.Storage.Reminders;
using Dispatch.Silo.Storage.Schema;
using Dispatch.Silo.Storage.Sql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace Dispatch.Silo.Storage;

/// <summary>How a silo gets Dispatch's durable storage: SQLite on one node, PostgreSQL in a cluster.</summary>
public static class StorageSiloBuilderExtensions
{
    /// <summary>The grain storage name grains may use explicitly: <c>[PersistentState("x", "dispatch")]</c>.</summary>
    public const string StorageName = "dispatch";

    /// <summary>
    /// Grain state (the default provider and "dispatch") and reminders in <c>{dataFolder}/dispatch.db</c>.
    /// Clustering is left to the caller (single node: <c>UseLocalhostClustering</c>).
    /// </summary>
    public static ISiloBuilder UseDispatchSqliteStorage(this ISiloBuilder silo, string dataFolder, SqliteSync sync = SqliteSync.Normal)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataFolder);
        return silo.UseDispatchDatabase(() => new SqliteDatabase(dataFolder, sync));
    }

    /// <summary>
    /// Cluster mode: Orleans membership, grain state (the default provider and "dispatch") and reminders in
    /// PostgreSQL. Membership rows are keyed by <c>ClusterOptions.ClusterId</c>, state and reminders by
    /// <c>ClusterOptions.ServiceId</c>; configure both with <c>silo.Configure&lt;ClusterOptions&gt;</c>.
    /// Do not also call another clustering method (UseLocalhostClustering).
    /// </summary>
    public static ISiloBuilder UseDispatchPostgres(this ISiloBuilder silo, string connectionString)
    {
        silo.UseDispatchPostgresStorage(connectionString);
        silo.Services.AddSingleton<IMembershipTable, SqlMembershipTable>();
        return silo;
    }

    /// <summary>Grain state and reminders in PostgreSQL, without membership (see <see cref="UseDispatchPostgres"/>).</summary>
    public static ISiloBuilder UseDispatchPostgresStorage(this ISiloBuilder silo, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return silo.UseDispatchDatabase(() => new PostgresDatabase(connectionString));
    }

    internal static ISiloBuilder UseDispatchDatabase(this ISiloBuilder silo, Func<SqlDatabase> createDatabase)
    {
        var services = silo.Services;
        services.TryAddSingleton(TimeProvider.System);
        // Made by a factory so the container disposes it (the PostgreSQL connection pool) at shutdown.
        services.AddSingleton(_ => createDatabase());
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SchemaStartup>();

        services.AddSingleton<SqlGrainStorage>();
        services.AddGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, (sp, _) => sp.GetRequiredService<SqlGrainStorage>());
        services.AddGrainStorage(StorageName, (sp, _) => sp.GetRequiredService<SqlGrainStorage>());

        silo.AddReminders();
        services.AddSingleton<IReminderTable, SqlReminderTable>();
        return silo;
    }
}
