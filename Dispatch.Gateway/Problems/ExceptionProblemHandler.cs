using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Dispatch.Gateway.Problems;

/// <summary>
/// Turns what escapes an endpoint into an RFC 9457 problem: malformed bodies and domain rule
/// violations become 400s that quote the reason; anything else is a 500 that is logged in full
/// and shows the caller only a trace id.
/// </summary>
internal sealed partial class ExceptionProblemHandler(IProblemDetailsService problems, ILogger<ExceptionProblemHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } =>
                (400, "Malformed JSON body", $"The request body is not valid JSON for this endpoint: {json.Message}"),
            BadHttpRequestException bad => (bad.StatusCode, "Bad request", bad.Message),
            JsonException json => (400, "Malformed JSON body", json.Message),
            ArgumentException arg => (400, "Invalid request", arg.Message),
            KeyNotFoundException missing => (404, "Not found", missing.Message),
            _ => (500, "Internal error", "The server failed to handle the request; the log has the details under this trace id."),
        };
        if (status >= 500)
        {
            LogUnhandled(exception, context.Request.Method, context.Request.Path);
        }
        else
        {
            LogRejected(context.Request.Method, context.Request.Path, status, detail);
        }
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on {Method} {Path}")]
    private partial void LogUnhandled(Exception exception, string method, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected {Method} {Path} with {Status}: {Detail}")]
    private partial void LogRejected(string method, string path, int status, string detail);
}
