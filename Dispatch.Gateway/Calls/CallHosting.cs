using Dispatch.Gateway.Calls.Sip;

namespace Dispatch.Gateway.Calls;

/// <summary>The call flow's services on a gateway node; the media plane (<see cref="ICallMediaPlane"/>) is registered by the media code.</summary>
internal static class CallHosting
{
    public static IServiceCollection AddDispatchCalls(this IServiceCollection services)
    {
        services.AddSingleton<CallSipHook>();
        services.AddSingleton<CallNode>();
        services.AddHostedService(sp => sp.GetRequiredService<CallNode>());
        return services;
    }
}
