using System.Net;
using Dispatch.Media.Sip.Transport;

namespace Dispatch.Gateway.Media;

/// <summary>
/// Owns the SIP sockets of a media node: UDP and TCP on <c>Dispatch:Sip:Address</c> and
/// <c>Dispatch:Sip:Port</c> (default 5060). On by default only for <c>Dispatch:Role=media</c>;
/// <c>Dispatch:Sip:Enabled=true</c> turns it on in the single node too.
/// </summary>
public sealed partial class SipListenerService(IConfiguration configuration, TimeProvider clock, ILoggerFactory logs) : IHostedService, IAsyncDisposable
{
    private SipUdpServer? _udp;
    private SipTcpServer? _tcp;

    public IPEndPoint? UdpEndPoint => _udp?.LocalEndPoint;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var address = IPAddress.Parse(configuration["Dispatch:Sip:Address"] ?? "127.0.0.1");
        var port = configuration.GetValue("Dispatch:Sip:Port", 5060);
        _udp = new SipUdpServer(new IPEndPoint(address, port), clock, logger: logs.CreateLogger<SipUdpServer>());
        _udp.Start();
        // TCP on the port UDP got (matters when the configured port is 0: any free port).
        _tcp = new SipTcpServer(new IPEndPoint(address, _udp.LocalEndPoint.Port), clock, logger: logs.CreateLogger<SipTcpServer>());
        _tcp.Start();
        LogListening(logs.CreateLogger<SipListenerService>(), _udp.LocalEndPoint.ToString());
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (_udp is not null)
        {
            await _udp.DisposeAsync();
            _udp = null;
        }
        if (_tcp is not null)
        {
            await _tcp.DisposeAsync();
            _tcp = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SIP listening on {EndPoint} (UDP and TCP)")]
    private static partial void LogListening(ILogger logger, string endPoint);
}
