using Dispatch.Contracts.Org;

namespace Dispatch.Gateway.Api.Notices;

/// <summary>What a notice request must satisfy; each fault is named by its field.</summary>
internal static class NoticeRequestRules
{
    public const int MaxTitle = 200;
    public const int MaxBody = 4_000;
    public const int MaxTargets = 10_000;

    public static Dictionary<string, string[]> Check(NoticeRequest request, out List<WorkerRole> roles)
    {
        var errors = new Dictionary<string, string[]>();
        roles = [];
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
        if (request.Priority is not (null or "normal" or "urgent"))
        {
            errors["priority"] = [$"Priority must be 'normal' or 'urgent', not '{request.Priority}'."];
        }
        var units = request.UnitCodes ?? [];
        var workers = request.WorkerIds ?? [];
        if (units.Count + workers.Count == 0)
        {
            errors["unitCodes"] = ["Name at least one unit code or worker id."];
        }
        else if (units.Count + workers.Count > MaxTargets)
        {
            errors["unitCodes"] = [$"At most {MaxTargets} units and workers per notice."];
        }
        else if (units.Concat(workers).Any(string.IsNullOrWhiteSpace))
        {
            errors["unitCodes"] = ["Unit codes and worker ids must not be empty."];
        }
        foreach (var name in request.Roles ?? [])
        {
            if (RoleNames.TryParse(name, out var role))
            {
                roles.Add(role);
            }
            else
            {
                errors["roles"] = [$"Unknown role '{name}'; known: {string.Join(", ", Enum.GetValues<WorkerRole>().Select(RoleNames.Of))}."];
            }
        }
        if (request.RemindAfterSeconds is < 1 || request.FollowUpAfterSeconds is < 1)
        {
            errors["remindAfterSeconds"] = ["Delays are whole seconds, at least 1."];
        }
        else if (request.RemindAfterSeconds is { } remind && request.FollowUpAfterSeconds is { } follow && follow < remind)
        {
            errors["followUpAfterSeconds"] = ["The follow-up comes after the reminder: followUpAfterSeconds >= remindAfterSeconds."];
        }
        return errors;
    }
}
