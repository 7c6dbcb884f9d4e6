using System.Net;
using Dispatch.Media.WebRtc.Dtls;

namespace Dispatch.Media.WebRtc.Hosting;

public sealed record WebRtcUdpHostOptions
{
    /// <summary>Where the one UDP socket of the node binds; port 0 takes any free port.</summary>
    public required IPEndPoint Bind { get; init; }

    /// <summary>The address written in answers' host candidates: what browsers can reach (NAT's public side, or the bind address).</summary>
    public required IPAddress AdvertisedAddress { get; init; }

    public DtlsCertificate? Certificate { get; init; }

    public DtlsEndpointOptions? Dtls { get; init; }

    /// <summary>A session whose browser never completes DTLS within this time is dropped.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often timers run (consent, reports, stale sessions).</summary>
    public TimeSpan TimerTick { get; init; } = TimeSpan.FromMilliseconds(20);
}
