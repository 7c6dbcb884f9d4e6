using Dispatch.Gateway.Calls;
using Dispatch.Gateway.Media;
using Dispatch.Gateway.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatch.Gateway.Tests.WebRtc;

/// <summary>
/// A single-node gateway (role <c>all</c>) whose WebRTC UDP host binds and advertises <paramref name="mediaAddress"/>;
/// tests drive its <see cref="ICallMediaPlane"/> in process, the way call signalling does, and peers reach it over real UDP.
/// </summary>
public sealed class CallMediaGateway(string mediaAddress, double connectTimeoutSeconds = 60) : DispatchAppFactory(demoData: false)
{
    public ICallMediaPlane Plane => Services.GetRequiredService<ICallMediaPlane>();

    /// <summary>Sessions on the node's UDP port (echo and call legs).</summary>
    public int Sessions => Services.GetRequiredService<WebRtcHostService>().Host.SessionCount;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Dispatch:WebRtc:Address", mediaAddress);
        builder.UseSetting("Dispatch:WebRtc:PublicAddress", mediaAddress);
        builder.UseSetting("Dispatch:WebRtc:ConnectTimeoutSeconds", connectTimeoutSeconds.ToString(global::System.Globalization.CultureInfo.InvariantCulture));
    }
}
