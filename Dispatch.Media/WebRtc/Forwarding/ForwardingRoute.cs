namespace Dispatch.Media.WebRtc.Forwarding;

/// <summary>
/// Where packets of one incoming payload type go on the other leg: its payload type there, the SSRC we send them
/// under, and how rtx (RFC 4588) is carried: kept as rtx, or unwrapped to the original packet when the receiving
/// leg negotiated no rtx for the codec.
/// </summary>
internal sealed record ForwardingRoute(
    string Kind,
    byte OutputPayloadType,
    uint OutputSsrc,
    int ClockRate,
    HeaderExtensionMap Extensions)
{
    /// <summary>The incoming type is rtx and goes out as rtx: its OSN must follow the media stream's renumbering.</summary>
    public bool IsRtx { get; init; }

    /// <summary>The incoming type is rtx but the receiver has none: strip the OSN and send the original packet.</summary>
    public bool Unwrap { get; init; }

    /// <summary>For rtx routes: the output SSRC of the media stream being repaired.</summary>
    public uint MediaOutputSsrc { get; init; }
}
