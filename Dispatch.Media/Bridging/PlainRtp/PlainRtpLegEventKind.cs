namespace Dispatch.Media.Bridging.PlainRtp;

public enum PlainRtpLegEventKind
{
    /// <summary>The phone's first RTP arrived; we now send to where it came from (RFC 4961 symmetric RTP).</summary>
    Latched,

    /// <summary>No RTP from the phone for the inactivity timeout: it may be gone (or on hold).</summary>
    MediaTimeout,

    /// <summary>RTP came back after a timeout.</summary>
    MediaResumed,

    /// <summary>The phone said goodbye in RTCP (RFC 3550 §6.6).</summary>
    Goodbye,
}
