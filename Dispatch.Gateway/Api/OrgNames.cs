using System.Text.Json;
using Dispatch.Contracts.Org;

namespace Dispatch.Gateway.Api;

/// <summary>Levels as the API and the import format spell them: <c>city</c> … <c>micro_grid</c>.</summary>
public static class LevelNames
{
    public static string Of(OrgLevel level) => JsonNamingPolicy.SnakeCaseLower.ConvertName(level.ToString());

    public static bool TryParse(string? name, out OrgLevel level)
    {
        foreach (var candidate in Enum.GetValues<OrgLevel>())
        {
            if (string.Equals(Of(candidate), name, StringComparison.OrdinalIgnoreCase))
            {
                level = candidate;
                return true;
            }
        }
        level = default;
        return false;
    }

    public static IEnumerable<string> All => Enum.GetValues<OrgLevel>().Select(Of);
}

/// <summary>Roles as the API and the import format spell them: <c>grid_chief</c>, <c>dispatcher</c>, ….</summary>
public static class RoleNames
{
    public static string Of(WorkerRole role) => JsonNamingPolicy.SnakeCaseLower.ConvertName(role.ToString());

    public static bool TryParse(string? name, out WorkerRole role)
    {
        foreach (var candidate in Enum.GetValues<WorkerRole>())
        {
            if (string.Equals(Of(candidate), name, StringComparison.OrdinalIgnoreCase))
            {
                role = candidate;
                return true;
            }
        }
        role = default;
        return false;
    }

    public static IEnumerable<string> All => Enum.GetValues<WorkerRole>().Select(Of);
}
