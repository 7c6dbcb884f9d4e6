using System.Net;

namespace Dispatch.Media.Bridging.Hosting;

/// <summary>Where plain RTP legs bind: the local address, what the SDP advertises, and the even-port range used.</summary>
public sealed record PlainRtpHostOptions
{
    public IPAddress BindAddress { get; init; } = IPAddress.Any;

    /// <summary>The address phones are told (SDP c=); the bind address when that is not a wildcard.</summary>
    public required string AdvertisedAddress { get; init; }

    /// <summary>First RTP port (rounded up to even). Each leg takes an even port and the odd one above it.</summary>
    public int MinPort { get; init; } = 20000;

    public int MaxPort { get; init; } = 29999;

    /// <summary>How often the leg's timers (RTCP, inactivity) and the owner's tick run.</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromMilliseconds(20);
}
