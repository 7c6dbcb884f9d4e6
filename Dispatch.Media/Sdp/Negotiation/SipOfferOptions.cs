using Dispatch.Media.Sdp.Attributes;

namespace Dispatch.Media.Sdp.Negotiation;

/// <summary>
/// A plain RTP/AVP session toward a SIP phone (no ICE, no DTLS): our RTP address and ports.
/// A null <see cref="VideoPort"/> offers audio only.
/// </summary>
public sealed record SipOfferOptions
{
    public required string SessionId { get; init; }

    public ulong SessionVersion { get; init; } = 1;

    /// <summary>The media node's RTP address, written in the session-level c= line (RFC 8866 §5.7).</summary>
    public required string Address { get; init; }

    public required int AudioPort { get; init; }

    public int? VideoPort { get; init; }

    public MediaCapabilities Capabilities { get; init; } = MediaCapabilities.Sip;

    public MediaDirection Direction { get; init; } = MediaDirection.SendRecv;

    /// <summary>RFC 4566 a=ptime, in milliseconds, for audio; G.711 phones expect 20.</summary>
    public int PacketTime { get; init; } = 20;
}
