using System.Net;
using System.Net.Sockets;
using Dispatch.Contracts.Sip;
using Dispatch.Gateway.Calls.Sip;
using Dispatch.Media.Sip.Auth;
using Dispatch.Media.Sip.Calls;
using Dispatch.Media.Sip.Registrar;
using Dispatch.Media.Sip.Server;
using Dispatch.Media.Sip.Transport;
using Dispatch.Silo;
using Orleans.Storage;

namespace Dispatch.Gateway.Media;

/// <summary>
/// Owns the SIP sockets of a media node: UDP and TCP on <c>Dispatch:Sip:Address</c> and
/// <c>Dispatch:Sip:Port</c> (default 5060), and SIP over WebSocket on the gateway's HTTP port at <c>/sip</c>
/// (<see cref="SipWebSocketEndpoint"/>). On by default only for <c>Dispatch:Role=media</c>;
/// <c>Dispatch:Sip:Enabled=true</c> turns it on in the single node too. All transports share one registrar
/// (REGISTER, on the bindings' storage rows through <see cref="InProcessSipRegistrarStore"/> in the single node, through
/// the grains with <see cref="OrleansSipRegistrarStore"/> on a media node). Calls go through the B2BUA
/// (<see cref="SipB2bua"/>), which runs in the UDP core: INVITEs to a worker's number fork to its registered phones.
/// <c>Dispatch:Sip:AdvertisedAddress</c> is the address phones reach the node at, for Via and Contact (default: the
/// bound address, or 127.0.0.1 when bound to any); <c>Dispatch:Sip:RingSeconds</c> the ring timeout (default 60).
/// </summary>
public sealed partial class SipListenerService(IConfiguration configuration, TimeProvider clock, ILoggerFactory logs, IGrainFactory grains,
    SipCallLog callLog, CallSipHook callHook, IServiceProvider services) : IHostedService, IAsyncDisposable
{
    private SipUdpServer? _udp;
    private SipTcpServer? _tcp;

    public IPEndPoint? UdpEndPoint => _udp?.LocalEndPoint;

    /// <summary>The WebSocket transport; null until started.</summary>
    public SipWebSocketServer? WebSocket { get; private set; }

    /// <summary>The B2BUA of the UDP core, once started: <see cref="SipB2bua.Originate"/> places calls.</summary>
    public SipB2bua? Calls { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var address = IPAddress.Parse(configuration["Dispatch:Sip:Address"] ?? "127.0.0.1");
        var port = configuration.GetValue("Dispatch:Sip:Port", 5060);
        var store = RegistrarStore();
        var registrar = new SipRegistrar(store, clock, RegistrarOptions());
        var options = new SipServerOptions { Handler = registrar.Handle };
        for (var attempt = 1; ; attempt++)
        {
            var calls = new SipB2bua(new OrleansSipCallTargets(grains, clock), clock,
                new SipB2buaOptions { RingTimeout = TimeSpan.FromSeconds(configuration.GetValue("Dispatch:Sip:RingSeconds", 60)) },
                callHook, e =>
                {
                    callLog.Record(e);
                    callHook.Observe(e);
                });
            var udp = new SipUdpServer(new IPEndPoint(address, port), clock, options with { TransactionUser = calls }, logs.CreateLogger<SipUdpServer>())
            {
                // With the bindings rows in this process, the receive thread commits its REGISTERs' writes itself.
                ReceiveThreadHooks = store is InProcessSipRegistrarStore ? new SipReceiveThreadCommits() : null,
            };
            try
            {
                // TCP on the port UDP got (matters when the configured port is 0: any free port).
                _tcp = new SipTcpServer(new IPEndPoint(address, udp.LocalEndPoint.Port), clock, options, logs.CreateLogger<SipTcpServer>());
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse && port == 0 && attempt < 10)
            {
                await udp.DisposeAsync(); // the free UDP port is taken on TCP: try another
                continue;
            }
            calls.LocalEndPoint = new IPEndPoint(AdvertisedAddress(address), udp.LocalEndPoint.Port);
            Calls = calls;
            callHook.B2bua = calls;
            _udp = udp;
            break;
        }
        _udp.Start();
        _tcp.Start();
        WebSocket = new SipWebSocketServer(clock, options, logs.CreateLogger<SipWebSocketServer>());
        WebSocket.Start();
        LogListening(logs.CreateLogger<SipListenerService>(), _udp.LocalEndPoint.ToString());
    }

    /// <summary>Straight on the storage rows where the silo runs in this process, else through the bindings grains.</summary>
    private ISipRegistrarStore RegistrarStore() =>
        services.GetKeyedService<IGrainStorage>(StorageNames.Provider) is { } storage
            ? new InProcessSipRegistrarStore(grains, storage, clock, logs.CreateLogger<InProcessSipRegistrarStore>())
            : new OrleansSipRegistrarStore(grains);

    private IPAddress AdvertisedAddress(IPAddress bound) =>
        configuration["Dispatch:Sip:AdvertisedAddress"] is { Length: > 0 } advertised ? IPAddress.Parse(advertised)
        : bound.Equals(IPAddress.Any) || bound.Equals(IPAddress.IPv6Any) ? IPAddress.Loopback
        : bound;

    /// <summary><c>Dispatch:Sip:DigestAlgorithms</c>: the challenges to offer, most preferred first (default "SHA-256,MD5").</summary>
    private SipRegistrarOptions RegistrarOptions()
    {
        var options = new SipRegistrarOptions();
        if (configuration["Dispatch:Sip:DigestAlgorithms"] is not { Length: > 0 } names)
        {
            return options;
        }
        var algorithms = names.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(n => DigestAlgorithmNames.TryParse(n, out var a) ? a
                : throw new InvalidOperationException($"Dispatch:Sip:DigestAlgorithms: '{n}' is neither SHA-256 nor MD5."))
            .ToArray();
        return options with { Algorithms = algorithms };
    }

    /// <summary>
    /// Sends a message to a registered binding over the flow its REGISTER came in on (<see cref="SipFlow"/>):
    /// the same WebSocket or TCP connection, or the UDP source address. False when that flow is gone.
    /// </summary>
    public bool TrySendToBinding(SipBinding binding, byte[] message)
    {
        if (!SipFlow.TryRead(binding.Source, out var flow))
        {
            return false;
        }
        switch (flow.Transport)
        {
            case "WS" or "WSS":
                return WebSocket?.TrySend(flow.Remote, message) ?? false;
            case "TCP":
                return _tcp?.TrySend(flow.Remote, message) ?? false;
            case "UDP" when _udp is not null:
                _udp.Send(flow.Remote, message);
                return true;
            default:
                return false;
        }
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
        if (WebSocket is not null)
        {
            await WebSocket.DisposeAsync();
            WebSocket = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SIP listening on {EndPoint} (UDP and TCP) and on WebSocket path /sip")]
    private static partial void LogListening(ILogger logger, string endPoint);
}
