namespace Dispatch.Media.WebRtc.Srtp;

/// <summary>Outcome of protect or unprotect; anything but <see cref="Ok"/> means drop the packet.</summary>
public enum SrtpResult
{
    Ok,
    /// <summary>Shorter than a header plus tag, or a header that does not fit.</summary>
    Malformed,
    /// <summary>Protect needs room for the tag (and SRTCP index) after the packet.</summary>
    BufferTooSmall,
    AuthenticationFailed,
    /// <summary>RFC 3711 §3.3.2: index already received.</summary>
    Replayed,
    /// <summary>RFC 3711 §3.3.2: index left of the replay window.</summary>
    TooOld,
    /// <summary>RFC 3711 §9.2 / RFC 7714 §9: the SRTCP index (2^31) or packet index (2^48) would wrap.</summary>
    IndexExhausted,
    /// <summary>More SSRCs than the context keeps state for.</summary>
    TooManyStreams,
}
