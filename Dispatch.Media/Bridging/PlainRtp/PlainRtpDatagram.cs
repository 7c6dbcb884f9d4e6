namespace Dispatch.Media.Bridging.PlainRtp;

/// <summary>What a received datagram turned out to be.</summary>
public enum PlainRtpDatagram
{
    /// <summary>RTP media for the bridge.</summary>
    Rtp,

    /// <summary>RTCP, consumed by the leg.</summary>
    Rtcp,

    /// <summary>Neither (or RTP before the call was negotiated): dropped and counted.</summary>
    Ignored,
}
