namespace Dispatch.Gateway.Problems;

/// <summary>RFC 9457 problem responses that say what is wrong and what to fix.</summary>
public static class ProblemResults
{
    public static IResult NotFound(string what, string id) => Results.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: $"{what} not found",
        detail: $"No {what.ToLowerInvariant()} with id '{id}' exists.");

    public static IResult Forbidden(string detail) => Results.Problem(
        statusCode: StatusCodes.Status403Forbidden,
        title: "Outside your scope",
        detail: detail);

    public static IResult Invalid(string detail, IDictionary<string, string[]>? errors = null) => errors is null
        ? Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid request", detail: detail)
        : Results.ValidationProblem(errors, detail: detail, title: "Invalid request");

    public static IResult Unprocessable(string title, string detail, IDictionary<string, object?>? extensions = null) => Results.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity,
        title: title,
        detail: detail,
        extensions: extensions);

    public static IResult Unavailable(string title, string detail) => Results.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable,
        title: title,
        detail: detail);
}
