namespace Dispatch.Media.Sip.Server;

public sealed record SipValidatorOptions
{
    /// <summary>Option tags this element supports; any other tag in Require gets 420 (RFC 3261 §8.2.2.3).</summary>
    public IReadOnlySet<string> SupportedExtensions { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Body types this element understands; any other gets 415 (RFC 3261 §8.2.3).</summary>
    public IReadOnlyList<string> AcceptedContentTypes { get; init; } =
        ["application/sdp", "text/plain", "multipart/mixed", "multipart/alternative", "message/sipfrag"];

    /// <summary>Request-URI schemes served here; others get 416 (RFC 3261 §8.2.2.1).</summary>
    public IReadOnlySet<string> SupportedSchemes { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "sip", "sips" };
}
