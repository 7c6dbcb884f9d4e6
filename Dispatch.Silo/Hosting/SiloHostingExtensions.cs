using System.Net;
using Dispatch.Silo.Accounts;
using Dispatch.Silo.Org;
using Dispatch.Silo.Realtime;
using Dispatch.Silo.Storage;
using Dispatch.Silo.Notices;
using Dispatch.Silo.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Dispatch.Silo.Hosting;

public static class SiloHostingExtensions
{
    /// <summary>
    /// Adds the Orleans silo with Dispatch's storage, chosen by configuration: localhost clustering
    /// and a SQLite file by default; PostgreSQL membership, state and reminders in cluster mode.
    /// </summary>
    public static IHostApplicationBuilder AddDispatchSilo(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(DispatchOptions.Section).Get<DispatchOptions>() ?? new DispatchOptions();
        var storage = StorageSettings.From(builder.Configuration);
        builder.Services.Configure<DispatchOptions>(builder.Configuration.GetSection(DispatchOptions.Section));
        builder.Services.Configure<RealtimeOptions>(builder.Configuration.GetSection(RealtimeOptions.Section));
        builder.Services.Configure<TaskOptions>(builder.Configuration.GetSection(TaskOptions.Section));
        builder.Services.Configure<NoticeOptions>(builder.Configuration.GetSection(NoticeOptions.Section));
        builder.Services.Configure<Calls.CallOptions>(builder.Configuration.GetSection(Calls.CallOptions.Section));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<SiloReadiness>();

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                // State and reminders are keyed by the service id: it never changes.
                o.ServiceId = "dispatch";
            });
            if (storage.IsPostgres)
            {
                silo.ConfigureEndpoints(IPAddress.Parse(options.AdvertisedAddress), options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: false);
                silo.UseDispatchPostgres(storage.ConnectionString);
                // Failure detection can be tuned (Orleans:Membership:ProbeTimeout, NumMissedProbesLimit, ...).
                silo.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection("Orleans:Membership"));
            }
            else
            {
                silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort);
                silo.UseDispatchSqliteStorage(Path.GetFullPath(storage.DataFolder), storage.SqliteSync);
            }
            silo.AddDispatchRealtime();
            silo.AddStartupTask<MarkSiloStarted>();
        });
        builder.Services.AddSingleton<OrgSnapshotApplier>();
        builder.Services.AddSingleton<AdminBootstrap>();
        builder.Services.AddHostedService<DemoDataSeeder>();
        return builder;
    }
}
