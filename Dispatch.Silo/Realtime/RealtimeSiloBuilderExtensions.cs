using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dispatch.Silo.Realtime;

/// <summary>What the realtime grains need from their silo.</summary>
public static class RealtimeSiloBuilderExtensions
{
    public static ISiloBuilder AddDispatchRealtime(this ISiloBuilder silo)
    {
        silo.Services.TryAddSingleton<GatewayOutbox>();
        return silo;
    }
}
