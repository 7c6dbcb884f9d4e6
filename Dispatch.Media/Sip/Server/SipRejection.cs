using Dispatch.Media.Sip.Messages;

namespace Dispatch.Media.Sip.Server;

/// <summary>A reason to refuse a request, with the header fields the status code requires (e.g. Unsupported for 420).</summary>
public sealed record SipRejection(int StatusCode, string ReasonPhrase)
{
    public IReadOnlyList<SipHeaderField> ExtraHeaders { get; init; } = [];

    public static SipRejection BadRequest(string fault) => new(400, "Bad Request - " + fault);

    public SipResponse ToResponse(SipHeaders requestHeaders)
    {
        var response = SipResponseFactory.Create(requestHeaders, StatusCode, ReasonPhrase);
        foreach (var (name, value) in ExtraHeaders)
        {
            response.Headers.Add(name, value);
        }
        return response;
    }
}
