namespace Dispatch.Media.Sdp.Negotiation;

/// <summary>
/// The local description we produced (an answer, or an offer we sent whose answer was read) and, per
/// m= section in order, what was agreed. <see cref="Transport"/> is null for plain RTP (SIP) sessions.
/// </summary>
public sealed record NegotiationResult(SessionDescription LocalDescription, IReadOnlyList<NegotiatedMedia> Media)
{
    /// <summary>Mids of the BUNDLE group as answered (RFC 9143); the first is the answerer BUNDLE-tag.</summary>
    public IReadOnlyList<string> BundleMids { get; init; } = [];

    public RemoteTransport? Transport { get; init; }

    public NegotiatedMedia? ForMid(string mid) => Media.FirstOrDefault(m => m.Mid == mid);

    public IEnumerable<NegotiatedMedia> Accepted => Media.Where(m => m.Accepted);
}
