namespace Dispatch.Gateway.Api;

/// <summary>What a push request must satisfy; each fault is named by its field.</summary>
internal static class PushRequestRules
{
    public const int MaxWorkers = 10_000;
    public const int MaxTitle = 200;
    public const int MaxBody = 4_000;

    public static Dictionary<string, string[]> Check(PushRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.WorkerIds is null || request.WorkerIds.Count == 0)
        {
            errors["workerIds"] = ["Name at least one worker id."];
        }
        else if (request.WorkerIds.Count > MaxWorkers)
        {
            errors["workerIds"] = [$"At most {MaxWorkers} workers per request."];
        }
        else if (request.WorkerIds.Any(string.IsNullOrWhiteSpace))
        {
            errors["workerIds"] = ["Worker ids must not be empty."];
        }
        if (string.IsNullOrWhiteSpace(request.Title))
        {
            errors["title"] = ["A title is required."];
        }
        else if (request.Title.Length > MaxTitle)
        {
            errors["title"] = [$"The title is longer than {MaxTitle} characters."];
        }
        if (request.Body is { Length: > MaxBody })
        {
            errors["body"] = [$"The body is longer than {MaxBody} characters."];
        }
        return errors;
    }
}
