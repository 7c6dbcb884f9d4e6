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
        for (var i = requestHeaders.IndexOf(SipHeaderNames.Via); i >= 0; i = requestHeaders.IndexOf(SipHeaderNames.Via, i + 1))
        {
            response.Headers.AddNormalized(SipHeaderNames.Via, requestHeaders.FieldAt(i).Value);
        }
        Copy(requestHeaders, response, SipHeaderNames.From);
        if (requestHeaders.IndexOf(SipHeaderNames.To) is var toIndex and >= 0)
        {
            var to = requestHeaders.FieldAt(toIndex).Value;
            var needsTag = statusCode != 100 && !HasTag(requestHeaders, toIndex);
            response.Headers.Add(SipHeaderNames.To, needsTag ? WithTag(to, toTag) : to);
        }
        Copy(requestHeaders, response, SipHeaderNames.CallId);
        Copy(requestHeaders, response, SipHeaderNames.CSeq);
        return response;
    }

    /// <summary>A tag of 64 random bits (RFC 3261 §19.3 asks for at least 32).</summary>
    public static string NewTag()
    {
        Span<byte> random = stackalloc byte[TagBytes];
        RandomNumberGenerator.Fill(random);
        return Convert.ToHexStringLower(random);
    }

    private const int TagBytes = 8;

    /// <summary>The To value with <c>;tag=</c> and the given or a new tag, as one string (every final answer pays for it).</summary>
    private static string WithTag(string to, string? tag)
    {
        if (tag is not null)
        {
            return string.Concat(to, ";tag=", tag);
        }
        return string.Create(to.Length + 5 + (2 * TagBytes), to, static (chars, to) =>
        {
            to.CopyTo(chars);
            ";tag=".CopyTo(chars[to.Length..]);
            Span<byte> random = stackalloc byte[TagBytes];
            RandomNumberGenerator.Fill(random);
            Convert.TryToHexStringLower(random, chars[(to.Length + 5)..], out _);
        });
    }

    private static bool HasTag(SipHeaders headers, int toIndex) => headers.NameAddressAt(toIndex) is { } address
        ? address.Tag is not null
        : headers.FieldAt(toIndex).Value.Contains(";tag=", StringComparison.OrdinalIgnoreCase);

    private static void Copy(SipHeaders from, SipResponse to, string name)
    {
        if (from[name] is { } value)
        {
            to.Headers.AddNormalized(name, value);
        }
    }
}
