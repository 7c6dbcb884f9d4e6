using Microsoft.Extensions.Hosting;

namespace Dispatch.Silo.Hosting;

public static class SiloHostingExtensions
{
    /// <summary>Adds the Orleans silo with Dispatch's storage, chosen by configuration.</summary>
    public static IHostApplicationBuilder AddDispatchSilo(this IHostApplicationBuilder builder)
    {
        builder.UseOrleans(silo => silo.UseLocalhostClustering());
        return builder;
    }
}
