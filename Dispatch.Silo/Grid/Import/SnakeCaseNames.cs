using System.Text;
using Dispatch.Contracts.Org;

namespace Dispatch.Silo.Grid.Import;

/// <summary>
/// The file format's spelling of <see cref="OrgLevel"/> and <see cref="WorkerRole"/>: the enum
/// member in snake_case (MicroGrid → micro_grid, GridChief → grid_chief).
/// </summary>
public static class SnakeCaseNames
{
    private static readonly Dictionary<string, OrgLevel> Levels = Enum.GetValues<OrgLevel>().ToDictionary(l => Of(l), StringComparer.Ordinal);
    private static readonly Dictionary<string, WorkerRole> Roles = Enum.GetValues<WorkerRole>().ToDictionary(r => Of(r), StringComparer.Ordinal);

    /// <summary>"city, town, community, grid, micro_grid", for messages.</summary>
    public static string AllLevels => string.Join(", ", Levels.Keys);

    public static string AllRoles => string.Join(", ", Roles.Keys);

    public static string Of(OrgLevel level) => SnakeCase(level.ToString());

    public static string Of(WorkerRole role) => SnakeCase(role.ToString());

    public static bool TryParseLevel(string text, out OrgLevel level) => Levels.TryGetValue(text, out level);

    public static bool TryParseRole(string text, out WorkerRole role) => Roles.TryGetValue(text, out role);

    private static string SnakeCase(string pascal)
    {
        var text = new StringBuilder(pascal.Length + 4);
        foreach (var c in pascal)
        {
            if (char.IsAsciiLetterUpper(c) && text.Length > 0)
            {
                text.Append('_');
            }
            text.Append(char.ToLowerInvariant(c));
        }
        return text.ToString();
    }
}
