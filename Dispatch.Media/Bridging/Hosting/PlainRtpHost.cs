using Dispatch.Media.Bridging.PlainRtp;

namespace Dispatch.Media.Bridging.Hosting;

/// <summary>
/// The socket host for plain RTP legs toward SIP phones: opens a <see cref="PlainRtpChannel"/> on the next free
/// even port of the configured range with a sans-I/O <see cref="PlainRtpLeg"/> inside. Thread-safe.
/// </summary>
public sealed class PlainRtpHost(PlainRtpHostOptions options, TimeProvider? time = null)
{
    private readonly RtpPortPool _pool = new(options);
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public PlainRtpHostOptions Options => options;

    /// <summary>
    /// Opens a leg whose SDP and RTCP use <paramref name="ssrc"/> (the bridge's toward-phone SSRC). <paramref name="gate"/>
    /// is the lock the channel runs its leg under (by default one of its own).
    /// </summary>
    public PlainRtpChannel Open(string sessionId, uint ssrc, Func<PlainRtpLegOptions, PlainRtpLegOptions>? configure = null, object? gate = null)
    {
        var (rtp, rtcp) = _pool.Rent();
        var port = ((System.Net.IPEndPoint)rtp.LocalEndPoint!).Port;
        var legOptions = new PlainRtpLegOptions { Address = options.AdvertisedAddress, RtpPort = port, SessionId = sessionId, Ssrc = ssrc };
        var leg = new PlainRtpLeg(configure?.Invoke(legOptions) ?? legOptions, _time);
        return new PlainRtpChannel(leg, rtp, rtcp, _pool, _time, options.TickInterval, gate);
    }
}
