using Dispatch.Silo.Storage;
using Microsoft.Extensions.Hosting;

namespace Dispatch.Silo.Hosting;

public static class SiloHostingExtensions
{
    /// <summary>Adds the Orleans silo with Dispatch's storage, chosen by configuration.</summary>
    public static IHostApplicationBuilder AddDispatchSilo(this IHostApplicationBuilder builder)
    {
        var storage = StorageSettings.From(builder.Configuration);
        builder.UseOrleans(silo =>
        {
            if (storage.IsPostgres)
            {
                silo.UseDispatchPostgres(storage.ConnectionString);
            }
            else
            {
                silo.UseLocalhostClustering().UseDispatchSqliteStorage(storage.DataFolder);
            }
        });
        return builder;
    }
}
