using Orleans.Concurrency;

namespace Dispatch.Contracts.Org;

/// <summary>
/// The org tree's change mark (key 0). Every change to a worker or to a unit's place in the tree moves it after the
/// change is saved, so a gateway may keep what it read about workers and units for as long as the mark it read
/// before them is still the current one (<c>OrgVersionedCache</c>). It lives in memory only: a new activation
/// starts a new <see cref="OrgVersion.Epoch"/>, which every cache takes as a change.
/// </summary>
public interface IOrgVersionGrain : IGrainWithIntegerKey
{
    [ReadOnly]
    Task<OrgVersion> Get();

    /// <summary>Called by a worker or unit grain after it saved a change.</summary>
    Task Changed();
}

/// <summary>Equal marks mean no change to the org tree between the two reads.</summary>
[GenerateSerializer, Immutable]
public sealed record OrgVersion([property: Id(0)] Guid Epoch, [property: Id(1)] long Changes);
