namespace Dispatch.Media.Bridging.PlainRtp;

/// <summary>Where a plain RTP leg listens and how it watches the phone's media.</summary>
public sealed record PlainRtpLegOptions
{
    /// <summary>The media node's address as the phone should reach it (SDP c= line).</summary>
    public required string Address { get; init; }

    /// <summary>Our RTP port (even, RFC 3550 §11); RTCP is on the next one unless the phone accepts rtcp-mux.</summary>
    public required int RtpPort { get; init; }

    public required string SessionId { get; init; }

    /// <summary>The SSRC we send media with (the bridge's toward-SIP SSRC): our SR and RR carry it.</summary>
    public required uint Ssrc { get; init; }

    /// <summary>The RTP clock of the media (RFC 3550 §5.1): 8000 for G.711, 90000 for video (RFC 6184 §8.2.1).</summary>
    public int ClockRate { get; init; } = 8000;

    /// <summary>RFC 3550 §6.5.1 canonical name sent in SDES.</summary>
    public string Cname { get; init; } = "dispatch";

    /// <summary>RFC 3550 §6.2: the report interval; each interval is randomised to 0.5-1.5 times it (§6.3.1).</summary>
    public TimeSpan RtcpInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>No RTP from the phone for this long raises <see cref="PlainRtpLegEventKind.MediaTimeout"/>.</summary>
    public TimeSpan InactivityTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>A packet from a new source address moves the latch only after the latched one was silent this long.</summary>
    public TimeSpan RelatchAfter { get; init; } = TimeSpan.FromSeconds(2);
}
