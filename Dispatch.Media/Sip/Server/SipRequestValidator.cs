using Dispatch.Media.Sip.Messages;

namespace Dispatch.Media.Sip.Server;

/// <summary>
/// The checks a UAS makes on a well-formed request before acting on it (RFC 3261 §8.2, §16.3 for Max-Forwards),
/// in this order:
/// <code>
///   400 missing / duplicated mandatory fields, bare branch  ─► 483 Max-Forwards 0  ─► 416 scheme
///   ─► 420 Require  ─► 415 Content-Type  ─► 406 Accept  ─► 401 unknown Authorization scheme
/// </code>
/// Sans-I/O: a request in, a <see cref="SipRejection"/> or null out.
/// </summary>
public sealed class SipRequestValidator(SipValidatorOptions? options = null)
{
    private static readonly string[] Mandatory = [SipHeaderNames.To, SipHeaderNames.From, SipHeaderNames.CSeq, SipHeaderNames.CallId, SipHeaderNames.Via];

    private static readonly string[] SingleValued =
        [SipHeaderNames.To, SipHeaderNames.From, SipHeaderNames.CSeq, SipHeaderNames.CallId, SipHeaderNames.MaxForwards, SipHeaderNames.ContentType];

    private readonly SipValidatorOptions _options = options ?? new SipValidatorOptions();

    public SipRejection? Validate(SipRequest request)
    {
        return CheckStructure(request)
            ?? CheckMaxForwards(request)
            ?? CheckScheme(request)
            ?? CheckRequire(request)
            ?? CheckContentType(request)
            ?? CheckAccept(request)
            ?? CheckAuthorizationScheme(request);
    }

    /// <summary>RFC 3261 §8.1.1 mandatory fields; RFC 4475 §3.3.8 duplicates; §3.2.1 a branch that is only the cookie.</summary>
    private static SipRejection? CheckStructure(SipRequest request)
    {
        foreach (var name in Mandatory)
        {
            if (!request.Headers.Contains(name))
            {
                return SipRejection.BadRequest("Missing " + name);
            }
        }
        foreach (var name in SingleValued)
        {
            if (request.Headers.CountOf(name) > 1)
            {
                return SipRejection.BadRequest("Multiple Values in " + name);
            }
        }
        if (request.TopVia?.Branch == SipVia.MagicCookie)
        {
            return SipRejection.BadRequest("Via Branch Lacks a Transaction Identifier");
        }
        return null;
    }

    /// <summary>RFC 3261 §16.3 item 2: nothing more may be forwarded; an OPTIONS may still be answered here.</summary>
    private static SipRejection? CheckMaxForwards(SipRequest request) =>
        request.MaxForwards == 0 && request.Method != "OPTIONS" ? new SipRejection(483, "Too Many Hops") : null;

    private SipRejection? CheckScheme(SipRequest request) =>
        _options.SupportedSchemes.Contains(request.RequestUri.Scheme) ? null : new SipRejection(416, "Unsupported URI Scheme");

    /// <summary>RFC 3261 §8.2.2.3: list every unknown option tag in Unsupported. Proxy-Require is for proxies only.</summary>
    private SipRejection? CheckRequire(SipRequest request)
    {
        if (request.Method is "ACK" or "CANCEL" || !request.Headers.Contains(SipHeaderNames.Require))
        {
            return null;
        }
        var unknown = request.Headers.Elements(SipHeaderNames.Require).Where(t => !_options.SupportedExtensions.Contains(t)).ToList();
        return unknown.Count == 0 ? null : new SipRejection(420, "Bad Extension")
        {
            ExtraHeaders = [new(SipHeaderNames.Unsupported, string.Join(", ", unknown))],
        };
    }

    /// <summary>RFC 3261 §8.2.3: a body type we do not understand gets 415 with the types we do, in Accept.</summary>
    private SipRejection? CheckContentType(SipRequest request)
    {
        if (request.Body.IsEmpty || request.Method == "ACK")
        {
            return null;
        }
        var type = request.ContentType?.MediaType ?? "application/sdp"; // §7.4.1: absent type on a body means SDP for INVITE
        return _options.AcceptedContentTypes.Contains(type) ? null : new SipRejection(415, "Unsupported Media Type")
        {
            ExtraHeaders = [new(SipHeaderNames.Accept, string.Join(", ", _options.AcceptedContentTypes))],
        };
    }

    /// <summary>
    /// RFC 3261 §21.4.7 / RFC 4475 §3.3.15: an INVITE whose Accept excludes SDP leaves no way to send the answer.
    /// </summary>
    private static SipRejection? CheckAccept(SipRequest request)
    {
        if (request.Method != "INVITE" || !request.Headers.Contains(SipHeaderNames.Accept))
        {
            return null;
        }
        var acceptsSdp = request.Headers.Elements(SipHeaderNames.Accept)
            .Select(e => e.Split(';')[0].Trim().ToLowerInvariant())
            .Any(t => t is "application/sdp" or "application/*" or "*/*");
        return acceptsSdp ? null : new SipRejection(406, "Not Acceptable")
        {
            ExtraHeaders = [new(SipHeaderNames.Accept, "application/sdp")],
        };
    }

    /// <summary>RFC 4475 §3.3.7: credentials in a scheme we cannot check are answered with a Digest challenge (401).</summary>
    private static SipRejection? CheckAuthorizationScheme(SipRequest request)
    {
        foreach (var value in request.Headers.All(SipHeaderNames.Authorization))
        {
            var space = value.IndexOf(' ');
            var scheme = space < 0 ? value.AsSpan() : value.AsSpan(0, space);
            if (!scheme.Equals("Digest", StringComparison.OrdinalIgnoreCase))
            {
                return new SipRejection(401, "Unauthorized");
            }
        }
        return null;
    }
}
