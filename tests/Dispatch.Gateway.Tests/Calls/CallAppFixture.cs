using Dispatch.Gateway.Calls;
using Dispatch.Gateway.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatch.Gateway.Tests.Calls;

/// <summary>The demo county with SIP on a free port and a recording media plane in place of the real one.</summary>
internal sealed class CallAppFactory : DispatchAppFactory
{
    public CallAppFactory() : base(demoData: true)
    {
    }

    public FakeMediaPlane Media { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Dispatch:Sip:Enabled", "true");
        builder.UseSetting("Dispatch:Sip:Port", "0");
        // sipp answers MD5 challenges only.
        builder.UseSetting("Dispatch:Sip:DigestAlgorithms", "MD5");
        builder.ConfigureTestServices(services => services.AddSingleton<ICallMediaPlane>(Media));
    }
}

/// <summary>One such node per test class.</summary>
public sealed class CallAppFixture : IAsyncLifetime
{
    internal CallAppFactory App { get; } = new();

    public Task InitializeAsync() => App.WaitUntilReady(TimeSpan.FromMinutes(3));

    public Task DisposeAsync()
    {
        App.Dispose();
        return Task.CompletedTask;
    }
}
