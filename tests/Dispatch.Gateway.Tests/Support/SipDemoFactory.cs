using Microsoft.AspNetCore.Hosting;

namespace Dispatch.Gateway.Tests.Support;

/// <summary>The demo county with SIP on a free UDP/TCP port (and WebSocket at /sip).</summary>
/// <param name="digestAlgorithms">Dispatch:Sip:DigestAlgorithms, or null for the default order (SHA-256, MD5).</param>
internal sealed class SipDemoFactory(string? digestAlgorithms = null) : DispatchAppFactory(demoData: true)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Dispatch:Sip:Enabled", "true");
        builder.UseSetting("Dispatch:Sip:Port", "0");
        if (digestAlgorithms is not null)
        {
            builder.UseSetting("Dispatch:Sip:DigestAlgorithms", digestAlgorithms);
        }
    }
}
