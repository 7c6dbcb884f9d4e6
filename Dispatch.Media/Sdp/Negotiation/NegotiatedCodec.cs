namespace Dispatch.Media.Sdp.Negotiation;

/// <summary>
/// A codec both sides agreed on for one media section: the payload type on the wire (the offerer's number,
/// RFC 3264 §6.1), its rtpmap identity, the fmtp parameters as answered, the RTCP feedback both sides do,
/// and the rtx payload type that repairs it (RFC 4588 §8), if any.
/// </summary>
public sealed record NegotiatedCodec(
    int PayloadType,
    string Name,
    int ClockRate,
    int? Channels,
    string Parameters,
    IReadOnlyList<string> Feedback,
    int? RtxPayloadType = null)
{
    public bool IsTelephoneEvent => string.Equals(Name, "telephone-event", StringComparison.OrdinalIgnoreCase);

    public bool Is(string name) => string.Equals(Name, name, StringComparison.OrdinalIgnoreCase);

    public IReadOnlyDictionary<string, string> ParameterMap => Attributes.Fmtp.ParseParameters(Parameters);
}
