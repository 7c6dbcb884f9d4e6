using System.Net;
using System.Net.Sockets;
using System.Text;
using Dispatch.Gateway.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dispatch.Gateway.Tests.Media;

/// <summary>The gateway process owns SIP sockets when asked to, and they answer a real datagram.</summary>
public sealed class SipListenerTests : IAsyncLifetime
{
    private readonly SipEnabledFactory _app = new();

    public Task InitializeAsync() => _app.WaitUntilReady(TimeSpan.FromSeconds(60));

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task An_options_request_over_udp_gets_200_and_garbage_gets_nothing_but_no_harm()
    {
        var sip = _app.Services.GetServices<IHostedService>().OfType<Gateway.Media.SipListenerService>().Single();
        var server = sip.UdpEndPoint!;
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var local = (IPEndPoint)client.Client.LocalEndPoint!;
        var options = $"OPTIONS sip:{server} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{local.Port};branch=z9hG4bK-opt-1\r\n" +
                      "Max-Forwards: 70\r\nFrom: <sip:probe@127.0.0.1>;tag=a1\r\nTo: <sip:dispatch@127.0.0.1>\r\n" +
                      $"Call-ID: probe-1@127.0.0.1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";

        await client.SendAsync(new byte[] { 0xde, 0xad, 0xbe, 0xef }, server);
        await client.SendAsync(Encoding.ASCII.GetBytes(options), server);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var answer = await client.ReceiveAsync(timeout.Token);

        Assert.StartsWith("SIP/2.0 200", Encoding.ASCII.GetString(answer.Buffer));
    }

    private sealed class SipEnabledFactory() : DispatchAppFactory(demoData: false)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Dispatch:Sip:Enabled", "true");
            builder.UseSetting("Dispatch:Sip:Port", "0");
        }
    }
}
