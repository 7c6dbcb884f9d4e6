using Dispatch.Media.Sdp.Attributes;
using Dispatch.Media.Sdp.Negotiation;

namespace Dispatch.Media.WebRtc.Forwarding;

/// <summary>
/// One accepted m= section of a leg, as the forwarder needs it: the codecs with their payload types (and rtx
/// types, RFC 4588), the header extension ids (RFC 8285), the stream we send in it, and the SSRCs the peer announced.
/// </summary>
public sealed record LegSection(string Mid, string Kind, IReadOnlyList<NegotiatedCodec> Codecs, IReadOnlyList<ExtMap> Extensions)
{
    /// <summary>What we send in this section; null when we only receive in it.</summary>
    public LocalSendStream? Send { get; init; }

    /// <summary>SSRCs the peer announced in a=ssrc (RFC 5576), media and rtx alike; may be empty.</summary>
    public IReadOnlyList<uint> RemoteSsrcs { get; init; } = [];

    /// <summary>The codec a payload type belongs to, and whether the type is that codec's rtx stream.</summary>
    public NegotiatedCodec? CodecFor(int payloadType, out bool isRtx)
    {
        foreach (var codec in Codecs)
        {
            if (codec.PayloadType == payloadType)
            {
                isRtx = false;
                return codec;
            }
            if (codec.RtxPayloadType == payloadType)
            {
                isRtx = true;
                return codec;
            }
        }
        isRtx = false;
        return null;
    }

    /// <summary>The extension id this section uses for <paramref name="uri"/>, or 0 when it was not negotiated.</summary>
    public int ExtensionId(string uri) => Extensions.FirstOrDefault(e => e.Uri == uri)?.Id ?? 0;
}
