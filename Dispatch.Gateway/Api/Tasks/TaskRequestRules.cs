using Dispatch.Contracts.Tasks;
using Dispatch.Silo.Tasks;

namespace Dispatch.Gateway.Api.Tasks;

/// <summary>What a new task must satisfy; each fault is named by its field.</summary>
internal static class TaskRequestRules
{
    public const int MaxTitle = 200;
    public const int MaxDescription = 4_000;

    public static Dictionary<string, string[]> Check(TaskRequest request, TaskOptions options)
    {
        var errors = new Dictionary<string, string[]>();
        if (!TaskNames.TryParse<TaskSource>(request.Source ?? "worker_report", out var source) || source == TaskSource.System)
        {
            errors["source"] = [$"Source must be worker_report, dispatcher or resident_appeal, not '{request.Source}'."];
        }
        if (string.IsNullOrWhiteSpace(request.Category))
        {
            errors["category"] = ["A category is required; GET /api/tasks/categories lists them."];
        }
        else if (!options.Categories.ContainsKey(request.Category))
        {
            errors["category"] = [$"Unknown category '{request.Category}'; known: {string.Join(", ", options.Categories.Keys.Order(StringComparer.Ordinal))}."];
        }
        if (string.IsNullOrWhiteSpace(request.Title))
        {
            errors["title"] = ["A title is required."];
        }
        else if (request.Title.Length > MaxTitle)
        {
            errors["title"] = [$"The title is longer than {MaxTitle} characters."];
        }
        if (request.Description is { Length: > MaxDescription })
        {
            errors["description"] = [$"The description is longer than {MaxDescription} characters."];
        }
        if (request.Longitude is not (>= -180 and <= 180))
        {
            errors["longitude"] = ["A WGS-84 longitude from -180 to 180 is required."];
        }
        if (request.Latitude is not (>= -90 and <= 90))
        {
            errors["latitude"] = ["A WGS-84 latitude from -90 to 90 is required."];
        }
        return errors;
    }
}
