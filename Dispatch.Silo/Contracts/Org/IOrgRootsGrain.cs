using Orleans.Concurrency;

namespace Dispatch.Contracts.Org;

/// <summary>The codes of the tree's root units (normally one city); key 0.</summary>
public interface IOrgRootsGrain : IGrainWithIntegerKey
{
    [ReadOnly]
    Task<IReadOnlyList<string>> GetRoots();

    Task AddRoot(string code);

    Task RemoveRoot(string code);
}
