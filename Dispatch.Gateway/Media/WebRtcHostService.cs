using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Dispatch.Media.WebRtc.Hosting;

namespace Dispatch.Gateway.Media;

/// <summary>
/// Owns the node's WebRTC UDP port (<see cref="WebRtcUdpHost"/>). On by default in roles <c>all</c> and
/// <c>media</c> (<c>Dispatch:WebRtc:Enabled</c>); binds <c>Dispatch:WebRtc:Address</c> (default 0.0.0.0) and
/// <c>Dispatch:WebRtc:Port</c> (default 0: any free port; set a fixed one to open in a firewall) and advertises
/// <c>Dispatch:WebRtc:PublicAddress</c> in answers (default: the bind address, or when that is a wildcard the
/// first IPv4 address of an interface that is up and not loopback). A session (echo or call leg) whose browser has
/// not completed DTLS within <c>Dispatch:WebRtc:ConnectTimeoutSeconds</c> (default 60) is dropped.
/// See docs/media-echo.md and docs/media-forwarding.md.
/// </summary>
public sealed partial class WebRtcHostService(IConfiguration configuration, TimeProvider clock, ILoggerFactory logs)
    : IHostedService, IAsyncDisposable
{
    private WebRtcUdpHost? _host;

    public WebRtcUdpHost Host => _host ?? throw new InvalidOperationException("The WebRTC host has not started.");

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var address = ParseAddress("Dispatch:WebRtc:Address", configuration["Dispatch:WebRtc:Address"] ?? "0.0.0.0");
        var port = configuration.GetValue("Dispatch:WebRtc:Port", 0);
        var advertised = configuration["Dispatch:WebRtc:PublicAddress"] is { Length: > 0 } text
            ? ParseAddress("Dispatch:WebRtc:PublicAddress", text)
            : Advertisable(address);
        _host = new WebRtcUdpHost(new WebRtcUdpHostOptions
        {
            Bind = new IPEndPoint(address, port),
            AdvertisedAddress = advertised,
            ConnectTimeout = TimeSpan.FromSeconds(configuration.GetValue("Dispatch:WebRtc:ConnectTimeoutSeconds", 60.0)),
        }, clock, logs.CreateLogger<WebRtcUdpHost>());
        _host.Start();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
            _host = null;
        }
    }

    private static IPAddress ParseAddress(string key, string text) =>
        IPAddress.TryParse(text, out var address) ? address : throw new InvalidOperationException($"{key}: '{text}' is not an IP address.");

    /// <summary>A wildcard cannot be a candidate; take an address browsers on the network can reach.</summary>
    private static IPAddress Advertisable(IPAddress bound)
    {
        if (!bound.Equals(IPAddress.Any) && !bound.Equals(IPAddress.IPv6Any))
        {
            return bound;
        }
        var candidates = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(u => u.Address)
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
        return candidates.FirstOrDefault() ?? IPAddress.Loopback;
    }
}
