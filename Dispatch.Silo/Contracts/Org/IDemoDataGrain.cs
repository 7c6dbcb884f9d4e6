namespace Dispatch.Contracts.Org;

/// <summary>Remembers which version of the demo tree was loaded completely; key 0.</summary>
public interface IDemoDataGrain : IGrainWithIntegerKey
{
    Task<int> GetLoadedVersion();

    Task SetLoadedVersion(int version);
}
