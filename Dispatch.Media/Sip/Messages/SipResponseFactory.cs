using System.Security.Cryptography;
using Dispatch.Media.Sip.Messages.Internal;

namespace Dispatch.Media.Sip.Messages;

/// <summary>
/// Builds a response to a request (RFC 3261 §8.2.6): copies Via (in order), From, Call-ID and CSeq, and To
/// with a To tag added for non-100 responses that lack one.
/// </summary>
public static class SipResponseFactory
{
    public static SipResponse CreateResponse(this SipRequest request, int statusCode, string? reasonPhrase = null, string? toTag = null) =>
        Create(request.Headers, statusCode, reasonPhrase, toTag);

    /// <summary>
    /// Builds a response from the header fields of a request, which may be a request the parser rejected:
    /// fields are copied verbatim, so even a broken CSeq is echoed back to let the client match the answer.
    /// </summary>
    public static SipResponse Create(SipHeaders requestHeaders, int statusCode, string? reasonPhrase = null, string? toTag = null)
    {
        var response = new SipResponse(statusCode, reasonPhrase ?? SipReasonPhrases.For(statusCode));
        foreach (var via in requestHeaders.All(SipHeaderNames.Via))
        {
            response.Headers.Add(SipHeaderNames.Via, via);
        }
        Copy(requestHeaders, response, SipHeaderNames.From);
        if (requestHeaders.IndexOf(SipHeaderNames.To) is var toIndex and >= 0)
        {
            var to = requestHeaders.FieldAt(toIndex).Value;
            var needsTag = statusCode != 100 && !HasTag(requestHeaders, toIndex);
            response.Headers.Add(SipHeaderNames.To, needsTag ? $"{to};tag={toTag ?? NewTag()}" : to);
        }
        Copy(requestHeaders, response, SipHeaderNames.CallId);
        Copy(requestHeaders, response, SipHeaderNames.CSeq);
        return response;
    }

    /// <summary>A tag of 64 random bits (RFC 3261 §19.3 asks for at least 32).</summary>
    public static string NewTag() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    private static bool HasTag(SipHeaders headers, int toIndex) => headers.NameAddressAt(toIndex) is { } address
        ? address.Tag is not null
        : headers.FieldAt(toIndex).Value.Contains(";tag=", StringComparison.OrdinalIgnoreCase);

    private static void Copy(SipHeaders from, SipResponse to, string name)
    {
        if (from[name] is { } value)
        {
            to.Headers.Add(name, value);
        }
    }
}
