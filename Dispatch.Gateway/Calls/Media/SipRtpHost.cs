using System.Net;
using Dispatch.Gateway.Media;
using Dispatch.Media.Bridging.Hosting;

namespace Dispatch.Gateway.Calls.Media;

/// <summary>
/// The node's plain RTP sockets toward SIP phones (<see cref="PlainRtpHost"/>), made on first use. Configuration:
/// <c>Dispatch:Rtp:MinPort</c> / <c>MaxPort</c> (default 20000-29999, even ports, RTCP on the odd one above),
/// <c>Dispatch:Rtp:Address</c> (bind, default 0.0.0.0) and <c>Dispatch:Rtp:PublicAddress</c> (what the SDP's c= line
/// tells phones; default the address WebRTC answers advertise).
/// </summary>
public sealed class SipRtpHost(IConfiguration configuration, WebRtcHostService webRtc, TimeProvider time)
{
    private readonly Lazy<PlainRtpHost> _host = new(() => Create(configuration, webRtc, time));

    public PlainRtpHost Host => _host.Value;

    private static PlainRtpHost Create(IConfiguration configuration, WebRtcHostService webRtc, TimeProvider time)
    {
        var bind = IPAddress.Parse(configuration["Dispatch:Rtp:Address"] ?? "0.0.0.0");
        var advertised = configuration["Dispatch:Rtp:PublicAddress"] is { Length: > 0 } text
            ? text
            : webRtc.Host.Candidate.Address;
        return new PlainRtpHost(new PlainRtpHostOptions
        {
            BindAddress = bind,
            AdvertisedAddress = advertised,
            MinPort = configuration.GetValue("Dispatch:Rtp:MinPort", 20000),
            MaxPort = configuration.GetValue("Dispatch:Rtp:MaxPort", 29999),
        }, time);
    }
}
