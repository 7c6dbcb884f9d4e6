using Dispatch.Contracts.Org;

namespace Dispatch.Silo.Tasks;

/// <summary>Places a point into its grid by the unit boundaries (四至), walking down from the roots.</summary>
public static class TaskPlacement
{
    /// <summary>The codes from the city down to the grid containing the point, or empty when no grid does.</summary>
    public static async Task<IReadOnlyList<string>> GridPath(IGrainFactory grains, GeoPoint point)
    {
        foreach (var root in await grains.GetGrain<IOrgRootsGrain>(0).GetRoots())
        {
            var chain = await grains.GetGrain<IOrgUnitGrain>(root).Locate(point);
            var gridAt = chain.ToList().FindIndex(u => u.Level == OrgLevel.Grid);
            if (gridAt >= 0)
            {
                return chain.Take(gridAt + 1).Select(u => u.Code).ToArray();
            }
        }
        return [];
    }
}
