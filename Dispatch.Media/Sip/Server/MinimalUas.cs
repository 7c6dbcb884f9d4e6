using Dispatch.Media.Sip.Messages;

namespace Dispatch.Media.Sip.Server;

/// <summary>
/// What the server answers to a valid request that no handler took (RFC 3261 §8.2, §11):
/// <code>
///   OPTIONS ─► 200 with Allow, Accept, Supported      BYE, CANCEL without INVITE ─► 481
///   INVITE, REGISTER, MESSAGE ─► 404 (no such user or binding yet)
///   other known methods ─► 405 with Allow             unknown methods ─► 501
/// </code>
/// </summary>
public static class MinimalUas
{
    public static readonly string[] Allowed = ["INVITE", "ACK", "CANCEL", "BYE", "OPTIONS", "REGISTER", "MESSAGE"];

    private static readonly HashSet<string> Known =
        [.. Allowed, "SUBSCRIBE", "NOTIFY", "REFER", "INFO", "UPDATE", "PRACK", "PUBLISH"];

    public static SipResponse Answer(SipRequest request, SipValidatorOptions validation)
    {
        switch (request.Method)
        {
            case "OPTIONS":
                var ok = request.CreateResponse(200);
                ok.Headers.Add(SipHeaderNames.Allow, string.Join(", ", Allowed));
                ok.Headers.Add(SipHeaderNames.Accept, string.Join(", ", validation.AcceptedContentTypes));
                ok.Headers.Add(SipHeaderNames.Supported, string.Join(", ", validation.SupportedExtensions));
                return ok;
            case "BYE" or "CANCEL":
                return request.CreateResponse(481);
            case "INVITE" or "REGISTER" or "MESSAGE":
                return request.CreateResponse(404);
        }
        if (Known.Contains(request.Method))
        {
            var notAllowed = request.CreateResponse(405);
            notAllowed.Headers.Add(SipHeaderNames.Allow, string.Join(", ", Allowed));
            return notAllowed;
        }
        return request.CreateResponse(501);
    }
}
