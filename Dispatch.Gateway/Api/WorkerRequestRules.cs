using System.Text.RegularExpressions;
using Dispatch.Contracts.Org;

namespace Dispatch.Gateway.Api;

/// <summary>Checks a worker request field by field and collects every fault, each naming its field.</summary>
public static partial class WorkerRequestRules
{
    public static (WorkerDefinition? Definition, Dictionary<string, string[]> Errors) Check(string id, WorkerRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        void Fault(string field, string message) => errors[field] = [.. errors.GetValueOrDefault(field, []), message];

        if (!WorkerIdPattern().IsMatch(id))
        {
            Fault("id", "A worker id is 1 to 32 letters, digits, '-' or '_'.");
        }
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 64)
        {
            Fault("name", "A worker needs a name of at most 64 characters.");
        }
        if (request.Phone is null || !PhonePattern().IsMatch(request.Phone))
        {
            Fault("phone", "A phone number is 5 to 20 digits, optionally starting with '+'.");
        }
        var assignments = new List<UnitAssignment>();
        if (request.Assignments is null || request.Assignments.Count == 0)
        {
            Fault("assignments", "A worker needs at least one assignment {unitCode, role}.");
        }
        else
        {
            for (var i = 0; i < request.Assignments.Count; i++)
            {
                var a = request.Assignments[i];
                if (string.IsNullOrWhiteSpace(a?.UnitCode))
                {
                    Fault($"assignments[{i}].unitCode", "The unit code is missing.");
                    continue;
                }
                if (!RoleNames.TryParse(a.Role, out var role))
                {
                    Fault($"assignments[{i}].role", $"Unknown role '{a.Role}'. Known roles: {string.Join(", ", RoleNames.All)}.");
                    continue;
                }
                assignments.Add(new UnitAssignment(a.UnitCode, role));
            }
            if (assignments.Distinct().Count() != assignments.Count)
            {
                Fault("assignments", "The same role in the same unit is listed twice.");
            }
        }
        if (request.Password is { Length: > 0 and < 8 })
        {
            Fault("password", "A password has at least 8 characters.");
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        return (new WorkerDefinition(id, request.Name!.Trim(), request.Phone!, assignments, request.OnDuty ?? false), errors);
    }

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,32}$")]
    private static partial Regex WorkerIdPattern();

    [GeneratedRegex(@"^\+?[0-9]{5,20}$")]
    private static partial Regex PhonePattern();
}
