using Dispatch.Media.Sdp.Attributes;

namespace Dispatch.Media.Sdp.Negotiation;

/// <summary>Answering a SIP phone's plain RTP offer: our RTP address and ports; a null video port refuses video.</summary>
public sealed record SipAnswerOptions
{
    public required string SessionId { get; init; }

    public ulong SessionVersion { get; init; } = 1;

    public required string Address { get; init; }

    public required int AudioPort { get; init; }

    public int? VideoPort { get; init; }

    public MediaCapabilities Capabilities { get; init; } = MediaCapabilities.Sip;

    public MediaDirection Direction { get; init; } = MediaDirection.SendRecv;

    /// <summary>
    /// Answer one media codec per section (plus telephone-event), so the phone cannot switch codec mid-call
    /// and the bridge transcodes one known format (RFC 3264 §6.1 lets the answerer narrow the list).
    /// </summary>
    public bool SingleCodec { get; init; } = true;
}
