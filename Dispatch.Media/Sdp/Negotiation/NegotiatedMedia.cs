using Dispatch.Media.Sdp.Attributes;

namespace Dispatch.Media.Sdp.Negotiation;

/// <summary>
/// The outcome for one m= section, in offer order: accepted or why not, the direction we answered,
/// the codecs (preferred first, telephone-event last), the header extension ids, and what the remote side
/// told us about its streams and address. This is what the media layer forwards by.
/// </summary>
public sealed record NegotiatedMedia(int Index, string? Mid, string Kind)
{
    public bool Accepted => RejectionReason is null;

    /// <summary>Why the section got port 0 in the answer; null when accepted.</summary>
    public string? RejectionReason { get; init; }

    /// <summary>Our direction as written in the answer (or offer, for SIP-side offers).</summary>
    public MediaDirection Direction { get; init; } = MediaDirection.Inactive;

    public IReadOnlyList<NegotiatedCodec> Codecs { get; init; } = [];

    public IReadOnlyList<ExtMap> HeaderExtensions { get; init; } = [];

    public bool RtcpMux { get; init; }

    public bool RtcpReducedSize { get; init; }

    /// <summary>SSRCs the remote side announced for this section (RFC 5576), media and rtx alike.</summary>
    public IReadOnlyList<uint> RemoteSsrcs { get; init; } = [];

    public IReadOnlyList<SsrcGroup> RemoteSsrcGroups { get; init; } = [];

    public Msid? RemoteMsid { get; init; }

    /// <summary>The remote side's RTP address and port (c= and m= lines): where a plain-RTP peer wants media.</summary>
    public string? RemoteAddress { get; init; }

    public int RemotePort { get; init; }

    /// <summary>The first media codec, the one a sender should use.</summary>
    public NegotiatedCodec? PreferredCodec => Codecs.FirstOrDefault(c => !c.IsTelephoneEvent);

    public IEnumerable<NegotiatedCodec> TelephoneEvents => Codecs.Where(c => c.IsTelephoneEvent);

    public NegotiatedCodec? CodecFor(int payloadType) =>
        Codecs.FirstOrDefault(c => c.PayloadType == payloadType || c.RtxPayloadType == payloadType);
}
